import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { freePort } from './app-process.js';

/** One RESP command over a fresh TCP connection (no client library needed); rejects on refusal. */
export function redisCommand(port: number, ...args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const s = new Socket();
    let buf = '';
    s.setTimeout(2000, () => {
      s.destroy();
      rej(new Error('redis: no answer'));
    });
    s.on('error', rej);
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.endsWith('\r\n')) {
        s.end();
        res(buf.trim());
      }
    });
    s.connect(port, '127.0.0.1', () =>
      s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
  });
}

/** A private redis-server for tests that stop, kill or restart Redis; its data folder survives restarts. */
export class TestRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'ttx-redis-'));
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly persistent: boolean,
  ) {}

  static async start(opts: { persistent: boolean }): Promise<TestRedis> {
    const r = new TestRedis(await freePort(), opts.persistent);
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Start (again) on the same port and data folder. */
  async up(): Promise<void> {
    // appendfsync always: every acknowledged write is on disk, so even kill -9 loses nothing
    const persistence = this.persistent
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
      : ['--appendonly', 'no', '--save', ''];
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--loglevel', 'warning', ...persistence],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      if ((await redisCommand(this.port, 'PING').catch(() => '')) === '+PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL (crash) or SIGTERM (clean shutdown), waiting until the port is closed. */
  async down(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((res) => {
      child.once('exit', () => res());
      child.kill(signal);
    });
  }

  command(...args: string[]): Promise<string> {
    return redisCommand(this.port, ...args);
  }
}
