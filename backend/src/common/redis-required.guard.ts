import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from './domain-error.js';

/** What the guard needs to know about Redis (the health module's RedisStatus provides it). */
export interface RedisReadiness {
  readonly ready: boolean;
}

/** Writes that touch only the database and keep working while Redis is away. */
const WITHOUT_REDIS = new Set(['/api/auth/login', '/api/auth/logout', '/api/join']);

/**
 * While Redis is unreachable, every write that may touch the exercise schedule or live updates
 * is refused at once with 503 and a plain reason, before it changes anything — instead of
 * hanging in the connection's offline queue or committing half of a clock change. Reads keep
 * working from the database; everything resumes by itself when Redis is back.
 *
 * A global guard registered after the authentication guard (`useGlobalGuards` follows the
 * `APP_GUARD`s), so it runs where an interceptor would — after authentication, before the body is
 * validated — without putting every request through an interceptor's observable pipeline.
 */
@Injectable()
export class RedisRequiredGuard implements CanActivate {
  constructor(private readonly redis: RedisReadiness) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http' && !this.redis.ready) {
      const req = context.switchToHttp().getRequest<Request>();
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && !WITHOUT_REDIS.has(req.path)) {
        throw new DomainError(
          'unavailable',
          'redis.unavailable',
          'The exercise schedule (Redis) is unreachable right now, so changes are paused; nothing was changed. Reading still works. Try again in a moment — the platform reconnects by itself (GET /api/health says more).',
        );
      }
    }
    return true;
  }
}
