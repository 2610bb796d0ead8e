// npm start: install and build when needed, make sure Redis runs, then serve everything on one port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_REDIS_URL, ensureAllBuilt, ensureInstalled, ensureRedis, ROOT } from './lib.mjs';

const worker = process.argv.includes('--worker');
ensureInstalled();
ensureAllBuilt();
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const redis = await ensureRedis(redisUrl);

// migrations run when the backend boots
const app = spawn(process.execPath, [join(ROOT, 'backend', 'dist', worker ? 'worker.js' : 'main.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, REDIS_URL: redisUrl },
});
const stop = (signal) => {
  app.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
app.on('exit', (code, signal) => {
  redis.child?.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
