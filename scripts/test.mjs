// npm test: install and build when needed, make sure Redis runs, then run every test project.
import { spawnSync } from 'node:child_process';
import { DEFAULT_REDIS_URL, ensureAllBuilt, ensureInstalled, ensureRedis, log, ROOT } from './lib.mjs';

ensureInstalled();
ensureAllBuilt();
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
// tests keep nothing in Redis between runs, so a private instance needs no persistence
const redis = await ensureRedis(redisUrl, { persist: false });
log(`running the test suite (Redis at ${redisUrl})`);
const r = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, REDIS_URL: redisUrl } });
redis.child?.kill('SIGTERM');
process.exit(r.status ?? 1);
