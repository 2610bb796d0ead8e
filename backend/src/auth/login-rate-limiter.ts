import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/** Counts failed sign-ins per (address, username) and locks the pair out for the rest of the window. */
@Injectable()
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  check(address: string, username: string, now = Date.now()): void {
    const recent = this.recent(`${address}|${username.toLowerCase()}`, now);
    if (recent.length >= MAX_FAILURES) {
      const retryIn = Math.ceil(((recent[0] ?? now) + WINDOW_MS - now) / 60_000);
      throw new DomainError('rate-limited', 'auth.locked', `Too many failed sign-ins for this account from your address; try again in ${retryIn} minute(s)`);
    }
  }

  fail(address: string, username: string, now = Date.now()): void {
    const key = `${address}|${username.toLowerCase()}`;
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(address: string, username: string): void {
    this.failures.delete(`${address}|${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) if (!times.some((t) => now - t < WINDOW_MS)) this.failures.delete(key);
  }
}
