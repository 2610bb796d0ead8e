import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { ScoreCellEntity } from './score-cell.entity.js';
import { ScoreDirtyEntity } from './score-dirty.entity.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

/** Scores: live cells kept from the event log, evaluations, adjustments, objective ratings. */
@Module({
  imports: [ExerciseCoreModule, EventsModule, TypeOrmModule.forFeature([ScoreCellEntity, ScoreDirtyEntity])],
  controllers: [ScoringController],
  providers: [ScoringService],
  exports: [ScoringService],
})
export class ScoringModule {}
