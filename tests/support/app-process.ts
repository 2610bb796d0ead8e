import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPostgresDatabase } from './test-database.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_PASSWORD = 'test-admin-password';
/** the demo `instructor` (DEMO_ACCOUNTS=true): never the admin's password */
export const INSTRUCTOR_PASSWORD = 'test-instructor-password';
/** The password the test platform gives a first-run account. */
export const passwordOf = (username: string) => (username === 'instructor' ? INSTRUCTOR_PASSWORD : ADMIN_PASSWORD);

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

/** Which database the system tests use: a fresh SQLite file, or (TEST_DATABASE_URL) a fresh PostgreSQL database. */
export const TEST_DATABASE_KIND: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? 'postgres'
  : 'sqlite';

function freshDatabaseUrl(dataDir: string): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return `sqlite:${join(dataDir, 'ttx.sqlite')}`;
  return url.startsWith('postgres') ? createPostgresDatabase(url) : url;
}

export function testEnv(name: string, overrides: Partial<TestEnv> = {}): TestEnv {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), `ttx-${name}-`));
  mkdirSync(dataDir, { recursive: true });
  return {
    dataDir,
    databaseUrl: overrides.databaseUrl ?? freshDatabaseUrl(dataDir),
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
  /** when the process was spawned, and when it answered (API) or said it runs (worker), epoch ms */
  spawnedAt: number;
  readyAt: number;
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
export async function startBackend(
  env: TestEnv,
  opts: {
    worker?: 'inline' | 'off';
    entry?: 'main' | 'worker';
    extraEnv?: Record<string, string>;
    nodeArgs?: string[];
    port?: number;
    omitEnv?: string[];
  } = {},
): Promise<RunningProcess> {
  // a given port: a restart at the same address, as clients that reconnect expect
  const port = opts.port ?? (await freePort());
  const entry = opts.entry ?? 'main';
  let out = '';
  const spawnedAt = Date.now();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: env.dataDir,
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    INJECTS_DIR: env.injectsDir,
    ADMIN_PASSWORD,
    DEMO_ACCOUNTS: 'true',
    DEMO_PASSWORD: INSTRUCTOR_PASSWORD,
    LOG_LEVEL: 'warn',
    WORKER: opts.worker ?? 'inline',
    ...opts.extraEnv,
  };
  // a variable the test wants unset (e.g. ADMIN_PASSWORD, to see the generated first-run password)
  for (const name of opts.omitEnv ?? []) delete childEnv[name];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(REPO_ROOT, 'backend', 'dist', `${entry}.js`)], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const ready =
    entry === 'main'
      ? () =>
          fetch(`${url}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
      : () => Promise.resolve(out.includes('delivery worker is running'));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}:\n${out}`);
    if (await ready()) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`backend did not become ready in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyAt = Date.now();
  return {
    url,
    port,
    child,
    output: () => out,
    spawnedAt,
    readyAt,
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
