import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public, Roles } from '../auth/access.decorators.js';
import { DeliveryMetrics } from '../scheduling/delivery-metrics.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SchedulerService } from '../scheduling/scheduler.service.js';
import { redactUrl } from './redact-url.js';
import { RedisStatus } from './redis-status.js';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerService,
    private readonly metrics: DeliveryMetrics,
    private readonly redisStatus: RedisStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and Redis both answer, 503 naming what does not. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, redis] = await Promise.all([
      withTimeout(this.db.query('SELECT 1'), 2000).then(
        () => ({ ok: true as const, type: this.config.database.type }),
        (e: unknown) => ({
          ok: false as const,
          type: this.config.database.type,
          error: e instanceof Error ? e.message : String(e),
        }),
      ),
      this.redisHealth(),
    ]);
    const ok = database.ok && redis.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, redis, time: Date.now() };
  }

  /** Down: say so at once and why (a PING would only wait in the offline queue); up: PING it. */
  private async redisHealth() {
    const state = this.redisStatus.state();
    if (!state.ok) return { ...state, ok: false as const };
    return withTimeout(this.scheduler.connection.ping(), 2000).then(
      () => ({ ok: true as const, url: redactUrl(this.config.redisUrl) }),
      (e: unknown) => ({
        ok: false as const,
        url: redactUrl(this.config.redisUrl),
        error: `Redis at ${redactUrl(this.config.redisUrl)} does not answer: ${e instanceof Error ? e.message : String(e)}`,
      }),
    );
  }

  /** Timing of the scheduled deliveries this process's worker made (empty when the worker runs apart). */
  @Get('delivery-metrics')
  @Roles('admin', 'instructor', 'facilitator')
  deliveryMetrics() {
    return { process: process.pid, rssMb: Math.round(process.memoryUsage().rss / 1048576), ...this.metrics.summary() };
  }

  /** Starts this process's event-loop delay figures afresh (a benchmark calls it after its warm-up). */
  @Post('delivery-metrics/reset')
  @HttpCode(204)
  @Roles('admin', 'instructor', 'facilitator')
  resetDeliveryMetrics(): void {
    this.metrics.resetLoopDelay();
  }
}
