import { Module } from '@nestjs/common';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { RealtimeNotifierModule } from '../realtime/realtime.module.js';
import { DeliveryService } from './delivery.service.js';

@Module({
  imports: [ExerciseCoreModule, RealtimeNotifierModule],
  providers: [DeliveryService],
  exports: [DeliveryService],
})
export class DeliveryModule {}
