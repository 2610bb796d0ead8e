import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { redisConnection } from '../common/redis-connection.js';

/** A count of attempts per key in a fixed window, kept in Redis so every API instance sees the same count. */
export class AttemptCounter {
  constructor(
    private readonly limiter: RateLimiterRedis,
    readonly max: number,
  ) {}

  /**
   * Count one attempt before it is made (so a burst of parallel guesses cannot all slip past a
   * check); resolves to 0, or to how many ms to wait when the key is over its limit.
   */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key, 1);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, e.msBeforeNext);
      throw e;
    }
  }

  /** The attempt was not a failure (signed in, joined): give its point back (never more than were taken). */
  async giveBack(key: string, points = 1): Promise<void> {
    if (points === 1) {
      await this.limiter.reward(key, 1);
      return;
    }
    const taken = (await this.limiter.get(key))?.consumedPoints ?? 0;
    if (taken > 0) await this.limiter.reward(key, Math.min(points, taken));
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/**
 * The Redis connection the attempt limits count in (under QUEUE_PREFIX, so installations sharing
 * a Redis keep apart). Commands fail fast when Redis is away, and each counter then falls back to a
 * per-process count (rate-limiter-flexible's insurance limiter): sign-in keeps working, still limited.
 */
@Injectable()
export class RateLimitStore implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = redisConnection(config.redisUrl, 'rate-limit');
  }

  counter(name: string, max: number, windowSeconds: number): AttemptCounter {
    const opts = { keyPrefix: `${this.config.queuePrefix}:limit:${name}`, points: max, duration: windowSeconds };
    return new AttemptCounter(
      new RateLimiterRedis({ ...opts, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(opts) }),
      max,
    );
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
