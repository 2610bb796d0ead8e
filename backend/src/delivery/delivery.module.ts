import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { DecisionOpener } from '../decisions/decision-opener.js';
import { BranchReleases } from './branch-releases.js';
import { DeliveryAccuracyController, DeliveryAccuracyService } from './delivery-accuracy.js';
import { DeliveryFollowUps } from './delivery-follow-ups.js';
import { DeliveryService } from './delivery.service.js';

@Module({
  imports: [ExerciseCoreModule, SchedulingModule, EventsModule],
  controllers: [DeliveryAccuracyController],
  providers: [DeliveryService, BranchReleases, DecisionOpener, DeliveryAccuracyService, DeliveryFollowUps],
  exports: [DeliveryService, BranchReleases, DeliveryAccuracyService],
})
export class DeliveryModule {}
