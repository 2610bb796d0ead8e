import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EventsModule } from '../events/events.module.js';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { DecisionEntity, DecisionVoteEntity } from './decision.entities.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';

/** Team decisions: votes, deadlines, closing and the branches an outcome releases. */
@Module({
  imports: [
    ExerciseCoreModule,
    DeliveryModule,
    SchedulingModule,
    EventsModule,
    TypeOrmModule.forFeature([DecisionEntity, DecisionVoteEntity]),
  ],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
