import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '../common/rate-limited-error.js';
import { RateLimitStore } from './rate-limit-store.js';

const WINDOW_SECONDS = 15 * 60;
/** failed sign-ins to one account from one address */
const MAX_PER_ACCOUNT = 10;
/** failed sign-ins from one address, whatever the username: trying one password on many accounts */
const MAX_PER_ADDRESS = 30;

const minutes = (ms: number) => Math.ceil(ms / 60_000);

/**
 * Counts failed sign-ins per (address, username) and per address, in Redis (every API instance
 * shares the counts), and refuses further attempts for the rest of the window with 429 and
 * Retry-After. The address is the client's own unless TRUST_PROXY names the proxy in front.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount;
  private readonly perAddress;

  constructor(store: RateLimitStore) {
    this.perAccount = store.counter('login-account', MAX_PER_ACCOUNT, WINDOW_SECONDS);
    this.perAddress = store.counter('login-address', MAX_PER_ADDRESS, WINDOW_SECONDS);
  }

  /** Count the attempt before the password is checked; throws 429 when either limit is reached. */
  async attempt(address: string, username: string): Promise<void> {
    const [account, fromAddress] = await Promise.all([
      this.perAccount.take(key(address, username)),
      this.perAddress.take(address),
    ]);
    if (account > 0)
      throw new RateLimitedError(
        'auth.locked',
        `Too many failed sign-ins for this account from your address; try again in ${minutes(account)} minute(s)`,
        account,
      );
    if (fromAddress > 0)
      throw new RateLimitedError(
        'auth.locked',
        `Too many failed sign-ins from your address; try again in ${minutes(fromAddress)} minute(s)`,
        fromAddress,
      );
  }

  /**
   * A single sign-on started (the button) or came back from the provider (the callback): counted
   * against the address's sign-in budget before anything else happens, as a password attempt is.
   * No username is known yet, so only the per-address limit applies.
   */
  async attemptSso(address: string): Promise<void> {
    const wait = await this.perAddress.take(address);
    if (wait > 0)
      throw new RateLimitedError(
        'auth.locked',
        `Too many sign-in attempts from your address; try again in ${minutes(wait)} minute(s)`,
        wait,
      );
  }

  /** A single sign-on step that was no failure of the client's: its start and callback (`points` 2), or a step the provider's outage stopped (1). */
  async succeedSso(address: string, points: 1 | 2): Promise<void> {
    await this.perAddress.giveBack(address, points);
  }

  /** The password was right: the attempt was no failure. */
  async succeed(address: string, username: string): Promise<void> {
    await Promise.all([this.perAccount.clear(key(address, username)), this.perAddress.giveBack(address)]);
  }
}

const key = (address: string, username: string) => `${address}|${username.toLowerCase()}`;
