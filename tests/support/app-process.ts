import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_PASSWORD = 'test-admin-password';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/** A scratch data folder and a queue prefix of its own, so test files never see each other's jobs. */
export interface TestEnv {
  dataDir: string;
  databaseUrl: string;
  queuePrefix: string;
  redisUrl: string;
  injectsDir: string;
}

export function testEnv(name: string, overrides: Partial<TestEnv> = {}): TestEnv {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), `ttx-${name}-`));
  mkdirSync(dataDir, { recursive: true });
  return {
    dataDir,
    databaseUrl: process.env.TEST_DATABASE_URL ?? `sqlite:${join(dataDir, 'ttx.sqlite')}`,
    queuePrefix: `t${randomBytes(4).toString('hex')}`,
    redisUrl: REDIS_URL,
    injectsDir: join(REPO_ROOT, 'injects'),
    ...overrides,
  };
}

export interface RunningProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** graceful stop (SIGTERM), waiting for exit */
  stop: () => Promise<void>;
  /** kill -9 */
  kill: () => Promise<void>;
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) res();
    else child.once('exit', () => res());
  });
}

/** Start the built backend (`backend/dist/main.js`, or the worker) as a real process. */
export async function startBackend(env: TestEnv, opts: { worker?: 'inline' | 'off'; entry?: 'main' | 'worker'; extraEnv?: Record<string, string> } = {}): Promise<RunningProcess> {
  const port = await freePort();
  const entry = opts.entry ?? 'main';
  let out = '';
  const child = spawn(process.execPath, [join(REPO_ROOT, 'backend', 'dist', `${entry}.js`)], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: env.dataDir,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.queuePrefix,
      INJECTS_DIR: env.injectsDir,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      WORKER: opts.worker ?? 'inline',
      ...opts.extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const ready = entry === 'main' ? () => fetch(`${url}/api/health`).then((r) => r.ok, () => false) : () => Promise.resolve(out.includes('delivery worker is running'));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}:\n${out}`);
    if (await ready()) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`backend did not become ready in 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await waitExit(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await waitExit(child);
    },
  };
}
