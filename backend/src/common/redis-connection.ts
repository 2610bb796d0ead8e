import { Redis, type RedisOptions } from 'ioredis';

/** What a connection is for: each use wants Redis to behave differently while it is away. */
const PROFILES = {
  // BullMQ's queue and worker: commands wait until Redis is back (BullMQ requires maxRetriesPerRequest null)
  queue: { maxRetriesPerRequest: null, enableOfflineQueue: true },
  // the socket.io adapter and the worker's emitter: the same, so a short outage drops no broadcast
  broadcast: { maxRetriesPerRequest: null },
  // rate limits: fail fast, so sign-in falls back to the per-process limiter instead of waiting
  'rate-limit': { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  // the boot check's one PING: connect when asked, never retry, never queue
  probe: { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false },
} satisfies Record<string, RedisOptions>;

export type RedisUse = keyof typeof PROFILES;

/**
 * The one place a Redis connection is made: one for each use, named after it in `CLIENT LIST`.
 * Its 'error' events never crash the process: an outage surfaces through the health checks, the
 * Redis banner and failed calls.
 */
export function redisConnection(url: string, use: RedisUse, extra: Pick<RedisOptions, 'connectTimeout'> = {}): Redis {
  const client = new Redis(url, { ...PROFILES[use], ...extra, connectionName: `cyber-ttx:${use}` });
  client.on('error', () => undefined);
  return client;
}
