import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../auth/sessions.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { RealtimeNotifierModule } from '../realtime/realtime.module.js';
import { ExerciseEventEntity } from './exercise-event.entity.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExerciseLifecycle } from './exercise-lifecycle.service.js';
import { ExerciseQueries } from './exercise-queries.service.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';
import { ExercisesController } from './exercises.controller.js';
import { ParticipantEntity } from './participant.entity.js';
import { ParticipantsService } from './participants.service.js';
import { PlayController } from './play.controller.js';
import { ParticipantsController } from './participants.controller.js';
import { ExerciseCoreModule } from './exercise-core.module.js';
import { ExerciseControlController } from './exercise-control.controller.js';
import { ExerciseControl } from './exercise-control.service.js';
import { TeamVisibility } from './team-visibility.js';
import { PlayerImages } from './player-images.service.js';
import { AcknowledgementEntity, ResponseEntity, ResponseRevisionEntity } from '../responses/response.entities.js';
import { ResponsesService } from '../responses/responses.service.js';
import { PlayResponsesController } from '../responses/play-responses.controller.js';
import { ThreadEntity, ThreadMessageEntity } from '../threads/thread.entities.js';
import { ThreadsService } from '../threads/threads.service.js';
import { DecisionEntity, DecisionVoteEntity } from '../decisions/decision.entities.js';
import { DecisionsController } from '../decisions/decisions.controller.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { ScoreCellEntity } from '../scoring/score-cell.entity.js';
import { ScoringController } from '../scoring/scoring.controller.js';
import { ScoringService } from '../scoring/scoring.service.js';

/** Lifecycle and read models (no HTTP): shared by the API and the worker process. */
@Module({
  imports: [
    ExerciseCoreModule,
    ScenariosModule,
    SchedulingModule,
    DeliveryModule,
    RealtimeNotifierModule,
    SessionsModule,
    TypeOrmModule.forFeature([
      ExerciseEntity,
      ExerciseTeamEntity,
      ParticipantEntity,
      ExerciseInjectEntity,
      ExerciseEventEntity,
      AcknowledgementEntity,
      ResponseEntity,
      ResponseRevisionEntity,
      ThreadEntity,
      ThreadMessageEntity,
      DecisionEntity,
      DecisionVoteEntity,
      ScoreCellEntity,
    ]),
  ],
  providers: [
    ExerciseLifecycle,
    ExerciseQueries,
    ParticipantsService,
    TeamVisibility,
    ExerciseControl,
    ResponsesService,
    ThreadsService,
    DecisionsService,
    ScoringService,
    PlayerImages,
  ],
  exports: [
    ExerciseLifecycle,
    ExerciseQueries,
    ParticipantsService,
    ExerciseControl,
    ResponsesService,
    ThreadsService,
    DecisionsService,
    ScoringService,
    PlayerImages,
  ],
})
export class ExerciseServicesModule {}

@Module({
  imports: [ExerciseServicesModule, AuthModule],
  controllers: [
    ExercisesController,
    PlayController,
    ParticipantsController,
    ExerciseControlController,
    PlayResponsesController,
    DecisionsController,
    ScoringController,
  ],
})
export class ExercisesModule {}
