import { type AppConfig, ConfigError, loadConfig } from '../config/app-config.js';
import { redisConnection } from '../common/redis-connection.js';
import { redactUrl } from '../health/redact-url.js';

/** One PING with a short timeout; no retries, no stack traces. */
export async function redisReachable(url: string, timeoutMs = 3000): Promise<string | null> {
  const client = redisConnection(url, 'probe', { connectTimeout: timeoutMs });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    client.disconnect();
  }
}

export function redisUnreachableMessage(url: string, reason: string): string {
  return [
    '',
    `Cyber TTX cannot reach Redis at ${redactUrl(url)} (${reason}).`,
    "Redis holds the exercise clock's delivery schedule, so the platform does not start without it.",
    'Start one locally with `redis-server` (install it with `apt-get install redis-server` or `brew install redis`),',
    'point REDIS_URL at a running Redis, or run `docker compose up` to start the platform with its own Redis.',
    '`npm start` starts a private Redis by itself when `redis-server` is installed.',
    '',
  ].join('\n');
}

/**
 * What every entry point (API, worker) checks before it boots: a valid configuration and a
 * reachable Redis. Either problem is said in plain words and ends the process (exit 2 or 3).
 */
export async function preflight(): Promise<AppConfig> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const redisProblem = await redisReachable(config.redisUrl);
  if (redisProblem) {
    process.stderr.write(redisUnreachableMessage(config.redisUrl, redisProblem));
    process.exit(3);
  }
  return config;
}
