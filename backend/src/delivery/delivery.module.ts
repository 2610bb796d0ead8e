import { Module } from '@nestjs/common';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { RealtimeNotifierModule } from '../realtime/realtime.module.js';
import { DecisionOpener } from '../decisions/decision-opener.js';
import { BranchReleases } from './branch-releases.js';
import { DeliveryAccuracyController, DeliveryAccuracyService } from './delivery-accuracy.js';
import { DeliveryService } from './delivery.service.js';

@Module({
  imports: [ExerciseCoreModule, RealtimeNotifierModule],
  controllers: [DeliveryAccuracyController],
  providers: [DeliveryService, BranchReleases, DecisionOpener, DeliveryAccuracyService],
  exports: [DeliveryService, BranchReleases, DeliveryAccuracyService],
})
export class DeliveryModule {}
