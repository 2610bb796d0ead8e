import { Module } from '@nestjs/common';
import { DeliveryMetrics } from './delivery-metrics.js';
import { SchedulerService } from './scheduler.service.js';

@Module({ providers: [SchedulerService, DeliveryMetrics], exports: [SchedulerService, DeliveryMetrics] })
export class SchedulingModule {}
