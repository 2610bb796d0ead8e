// npm run dev: the backend rebuilt on change and the Vite dev server (proxying /api and /socket.io).
import { spawn } from 'node:child_process';
import { DEFAULT_REDIS_URL, ensureInstalled, ensureRedis, ROOT } from './lib.mjs';

ensureInstalled();
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const redis = await ensureRedis(redisUrl);
const env = { ...process.env, REDIS_URL: redisUrl };
const children = [
  spawn('npx', ['tsc', '-p', 'backend/tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  }),
  spawn(process.execPath, ['--watch-path=backend/dist', 'backend/dist/main.js'], { cwd: ROOT, stdio: 'inherit', env }),
  spawn('npm', ['run', 'dev', '-w', 'frontend'], { cwd: ROOT, stdio: 'inherit', env }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  redis.child?.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
