import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ExerciseServicesModule } from '../exercises/exercises.module.js';
import { DeliveryWorker } from './delivery-worker.js';
import { SchedulingModule } from './scheduling.module.js';

@Module({
  imports: [ExerciseServicesModule, DeliveryModule, SchedulingModule],
  providers: [DeliveryWorker],
})
export class WorkerModule {}
