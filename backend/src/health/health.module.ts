import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { HealthController } from './health.controller.js';
import { RedisStatus } from './redis-status.js';

@Module({
  imports: [SchedulingModule],
  controllers: [HealthController],
  providers: [RedisStatus],
  exports: [RedisStatus],
})
export class HealthModule {}
