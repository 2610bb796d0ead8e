// npm run bench [-- delivery|frontend|report|load]: set up when needed, make sure Redis runs, then run the benchmarks.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_REDIS_URL, ensureAllBuilt, ensureInstalled, ensureRedis, ROOT } from './lib.mjs';

ensureInstalled();
ensureAllBuilt();
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const redis = await ensureRedis(redisUrl, { persist: false });
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', join('bench', 'run-benchmarks.ts'), ...process.argv.slice(2)],
  {
    cwd: join(ROOT, 'tests'),
    stdio: 'inherit',
    env: { ...process.env, REDIS_URL: redisUrl },
  },
);
redis.child?.kill('SIGTERM');
process.exit(r.status ?? 1);
