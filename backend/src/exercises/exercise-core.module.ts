import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExerciseEventEntity } from './exercise-event.entity.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExercisePlans } from './exercise-plan.js';
import { ExerciseQueries } from './exercise-queries.service.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';
import { ParticipantEntity } from './participant.entity.js';
import { TeamVisibility } from './team-visibility.js';

/**
 * The exercise as the other domains read it: the event log, the plan cache, what a team may see,
 * and the read models. No commands (those are in `ExerciseServicesModule`), so responses,
 * decisions, scoring, threads and delivery can all depend on it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ExerciseEntity,
      ExerciseTeamEntity,
      ParticipantEntity,
      ExerciseInjectEntity,
      ExerciseEventEntity,
    ]),
  ],
  providers: [ExerciseEvents, ExercisePlans, TeamVisibility, ExerciseQueries],
  exports: [ExerciseEvents, ExercisePlans, TeamVisibility, ExerciseQueries],
})
export class ExerciseCoreModule {}
