// Set-up helpers for the root scripts. Node built-ins only: these run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function log(msg) {
  process.stdout.write(`[cyber-ttx] ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`\n[cyber-ttx] \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).\n`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** `npm ci` on a fresh clone, `npm install` again whenever package files changed since. */
export function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const manifests = [
    'package.json',
    'package-lock.json',
    'backend/package.json',
    'frontend/package.json',
    'tests/package.json',
  ];
  const changed = manifests.some((m) => newestMtime(join(ROOT, m)) > newestMtime(marker));
  if (existsSync(marker) && !changed) return;
  log(
    existsSync(marker)
      ? 'dependencies changed: installing…'
      : 'first run: installing dependencies (the SQLite driver builds from source, about a minute)…',
  );
  run('npm', [existsSync(join(ROOT, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

/** Rebuild a workspace when its sources are newer than its last build. */
export function ensureBuilt(workspace, sources) {
  const stamp = join(ROOT, workspace, 'dist', '.build-stamp');
  const newest = Math.max(...sources.map((s) => newestMtime(join(ROOT, workspace, s))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  log(`building ${workspace}…`);
  run('npm', ['run', 'build', '-w', workspace]);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
}

export function ensureAllBuilt() {
  ensureBuilt('backend', ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json']);
  ensureBuilt('frontend', ['src', 'index.html', 'vite.config.ts', 'package.json', 'public']);
}

/** Resolves with null when Redis answers PING, or with the reason it does not. */
export function pingRedis(url, timeoutMs = 1500) {
  return new Promise((resolvePing) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      resolvePing('REDIS_URL is not a valid URL');
      return;
    }
    const socket = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
    const done = (reason) => {
      socket.destroy();
      resolvePing(reason);
    };
    socket.setTimeout(timeoutMs, () => done('no answer'));
    socket.on('error', (e) => done(e.code ?? e.message));
    socket.on('connect', () => {
      const auth = u.password
        ? `AUTH ${u.username ? decodeURIComponent(u.username) + ' ' : ''}${decodeURIComponent(u.password)}\r\n`
        : '';
      socket.write(`${auth}PING\r\n`);
    });
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('+PONG')) done(null);
      else if (buf.includes('-NOAUTH') || buf.includes('-WRONGPASS')) done('authentication failed');
    });
  });
}

const isLocal = (url) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
const hasRedisServer = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Make sure Redis answers at `url`. When nothing does and the URL is local, start a private
 * redis-server (data under data/redis, persistence on) that lives as long as this process.
 */
export async function ensureRedis(url, { dataDir = join(ROOT, 'data', 'redis'), persist = true } = {}) {
  const reason = await pingRedis(url);
  if (reason === null) return { url, child: null };
  if (!isLocal(url) || !hasRedisServer()) {
    process.stderr.write(
      `\n[cyber-ttx] Redis is not reachable at ${url} (${reason}). Cyber TTX keeps its exercise schedule in Redis and ` +
        `cannot run without it. ${hasRedisServer() ? 'REDIS_URL points at another machine, so it was not started here. ' : 'redis-server is not installed here: install it (`sudo apt-get install redis-server` on Debian/Ubuntu, `brew install redis` on macOS) and run `npm start` again, or '}` +
        `start Redis yourself and set REDIS_URL to it, or run the whole platform with \`docker compose up\`.\n\n`,
    );
    process.exit(1);
  }
  mkdirSync(dataDir, { recursive: true });
  const port = String(new URL(url).port || 6379);
  const args = ['--port', port, '--bind', '127.0.0.1', '--dir', dataDir, '--daemonize', 'no', '--loglevel', 'warning'];
  args.push(...(persist ? ['--appendonly', 'yes', '--save', '60 1'] : ['--appendonly', 'no', '--save', '']));
  log(`no Redis at ${url}: starting a private redis-server on port ${port} (data in ${dataDir})`);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 50; i++) {
    if ((await pingRedis(url, 300)) === null) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  process.stderr.write(
    `\n[cyber-ttx] Started redis-server on port ${port} but it did not answer. Check that the port is free, or set REDIS_URL to a running Redis.\n\n`,
  );
  process.exit(1);
}
