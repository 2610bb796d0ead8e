import { DomainError } from './domain-error.js';

/** 429 with how long to wait: the exception filter sends it as Retry-After (seconds) and in the body. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(code: string, message: string, retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('rate-limited', code, message, undefined, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
