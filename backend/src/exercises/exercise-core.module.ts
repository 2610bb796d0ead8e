import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExerciseEventEntity } from './exercise-event.entity.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExercisePlans } from './exercise-plan.js';

/** The event log and plan cache that delivery and the lifecycle both use. */
@Module({
  imports: [TypeOrmModule.forFeature([ExerciseEventEntity])],
  providers: [ExerciseEvents, ExercisePlans],
  exports: [ExerciseEvents, ExercisePlans],
})
export class ExerciseCoreModule {}
