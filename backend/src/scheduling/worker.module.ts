import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ExerciseServicesModule } from '../exercises/exercises.module.js';
import { DeliveryWorker } from './delivery-worker.js';

@Module({
  imports: [ExerciseServicesModule, DeliveryModule],
  providers: [DeliveryWorker],
})
export class WorkerModule {}
