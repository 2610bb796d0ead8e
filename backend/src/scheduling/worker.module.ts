import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { DeliveryRunModule } from '../delivery/delivery-run.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EventsModule } from '../events/events.module.js';
import { ExerciseServicesModule } from '../exercises/exercises.module.js';
import { DeliveryWorker } from './delivery-worker.js';
import { SchedulingModule } from './scheduling.module.js';

@Module({
  imports: [ExerciseServicesModule, DeliveryModule, DeliveryRunModule, DecisionsModule, SchedulingModule, EventsModule],
  providers: [DeliveryWorker],
})
export class WorkerModule {}
