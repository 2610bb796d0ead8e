import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SchedulerService } from '../scheduling/scheduler.service.js';
import { redactUrl } from './redact-url.js';

export interface RedisState {
  ok: boolean;
  url: string;
  /** why it is not usable, in words an operator can act on */
  error?: string;
  /** since when it has been down (epoch ms) */
  downSinceMs?: number;
}

/**
 * Follows the shared Redis connection (the delivery schedule's) without sending anything, so a
 * request can tell at once whether Redis is there rather than waiting in ioredis' offline queue.
 */
@Injectable()
export class RedisStatus {
  private readonly connection: Redis;
  private lastError: string | undefined;
  private downSince: number | undefined;

  constructor(
    scheduler: SchedulerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.connection = scheduler.connection;
    this.connection.on('error', (e: Error & { code?: string }) => {
      this.lastError = e.code ?? e.message;
    });
    this.connection.on('close', () => {
      this.downSince ??= Date.now();
    });
    this.connection.on('ready', () => {
      this.downSince = undefined;
      this.lastError = undefined;
    });
  }

  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  state(): RedisState {
    const url = redactUrl(this.config.redisUrl);
    if (this.ready) return { ok: true, url };
    const why = this.lastError ? `${this.lastError}` : `connection ${this.connection.status}`;
    return {
      ok: false,
      url,
      error: `Redis at ${url} is unreachable (${why}); reconnecting by itself`,
      ...(this.downSince ? { downSinceMs: this.downSince } : {}),
    };
  }
}
