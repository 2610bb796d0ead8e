import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { RateLimitedError } from '../common/rate-limited-error.js';
import { RateLimitStore } from './rate-limit-store.js';

const WINDOW_SECONDS = 10 * 60;
/**
 * wrong join codes from one address per window: a class behind one NAT address mistypes a few;
 * a guesser (hundreds a second without a limit) gets 30 per 10 minutes
 */
const MAX_WRONG_CODES = 30;

/** Limits join-code guessing per address, across every API instance (Redis). Only wrong codes count. */
@Injectable()
export class JoinRateLimiter {
  private readonly wrongCodes;

  constructor(store: RateLimitStore) {
    this.wrongCodes = store.counter('join-address', MAX_WRONG_CODES, WINDOW_SECONDS);
  }

  async attempt<T>(address: string, join: () => Promise<T>): Promise<T> {
    const wait = await this.wrongCodes.take(address);
    if (wait > 0)
      throw new RateLimitedError(
        'join.rate-limited',
        `Too many wrong join codes from your address; try again in ${Math.ceil(wait / 60_000)} minute(s)`,
        wait,
      );
    try {
      const joined = await join();
      await this.wrongCodes.giveBack(address);
      return joined;
    } catch (e) {
      // only a wrong code is a guess; an ended exercise or a bad display name is not
      if (!(e instanceof DomainError && e.code === 'join.bad-code')) await this.wrongCodes.giveBack(address);
      throw e;
    }
  }
}
