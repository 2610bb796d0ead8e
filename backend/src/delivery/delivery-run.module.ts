import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { EventsModule } from '../events/events.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { DeliveryRun } from './delivery-run.js';
import { DeliveryModule } from './delivery.module.js';

/** The delivery run (reconcile, catch-up, schedule rebuilds); apart from `DeliveryModule` because it reschedules open decisions' deadlines. */
@Module({
  imports: [DeliveryModule, DecisionsModule, SchedulingModule, EventsModule],
  providers: [DeliveryRun],
  exports: [DeliveryRun],
})
export class DeliveryRunModule {}
