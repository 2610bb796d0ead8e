import { Module } from '@nestjs/common';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { RealtimeNotifierModule } from '../realtime/realtime.module.js';
import { DecisionOpener } from '../decisions/decision-opener.js';
import { BranchReleases } from './branch-releases.js';
import { DeliveryService } from './delivery.service.js';

@Module({
  imports: [ExerciseCoreModule, RealtimeNotifierModule],
  providers: [DeliveryService, BranchReleases, DecisionOpener],
  exports: [DeliveryService, BranchReleases],
})
export class DeliveryModule {}
