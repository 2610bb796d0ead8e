import { afterAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { TestRedis } from '../support/redis-server.js';
import { RecordingClient, until } from '../support/socket-client.js';

const expected = clockReleasedInjects(loadPack('demo'));
const expectedKeys = expected.flatMap((i) => i.teams.map((t) => `${i.id}/${t}`)).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Delivery {
  injectId: string;
  teamId: string;
  late: boolean;
  dueAtMs: number;
  deliveredAtMs: number;
}
interface Health {
  status: string;
  redis: { ok: boolean; url: string; error?: string };
  database: { ok: boolean };
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

async function backendOn(redis: TestRedis, name: string): Promise<RunningProcess> {
  const env = testEnv(name, { redisUrl: redis.url });
  const app = await startBackend(env);
  cleanup.push(() => app.stop());
  return app;
}

describe('Redis with persistence, killed and restarted mid-exercise', () => {
  it('keeps the delivery schedule: every inject goes out once, those due after the restart on time', async () => {
    const redis = await TestRedis.start({ persistent: true });
    cleanup.push(() => redis.down());
    const app = await backendOn(redis, 'redis-restart');
    const staff = await Api.login(app.url);
    // ×300: T+00:10 = 2 s, T+00:25 = 5 s, wrap-up T+00:50 = 10 s
    const ex = await createExercise(staff, 'demo', 300);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const socket = new RecordingClient(app.url, soc.token);
    await socket.ready();
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await until(() => socket.of('inject:delivered').some((e) => e.injectId === 'edr-alert'), 10_000, 'edr-alert');

    const queued = Number(
      (
        await redis.command(
          'EVAL',
          "local n=0 for _,k in ipairs(redis.call('KEYS','*:delivery:delayed')) do n=n+redis.call('ZCARD',k) end return n",
          '0',
        )
      ).slice(1),
    );
    expect(queued, 'delayed delivery jobs in Redis before the crash').toBeGreaterThan(0);

    await redis.down('SIGKILL');
    const downAt = Date.now();
    // cert-advisory (2 s) and soc-reminder/cert-followup (3 s) fall due while Redis is away
    await sleep(3000);
    await redis.up();
    const upAt = Date.now();
    const after = Number(
      (
        await redis.command(
          'EVAL',
          "local n=0 for _,k in ipairs(redis.call('KEYS','*:delivery:*')) do if redis.call('TYPE',k)['ok']=='zset' then n=n+redis.call('ZCARD',k) end end return n",
          '0',
        )
      ).slice(1),
    );
    expect(after, 'the schedule came back from the append-only file').toBeGreaterThan(0);

    await until(
      async () =>
        (await staff.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`)).some((d) => d.injectId === 'wrap-up'),
      25_000,
      'wrap-up after the Redis restart',
    );
    await sleep(500);
    const deliveries = await staff.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`);
    const keyOf = (d: Delivery) => `${d.injectId}/${ex.teams.find((t) => t.id === d.teamId)?.key}`;
    const keys = deliveries.map(keyOf);
    expect(new Set(keys).size, 'nothing delivered twice').toBe(keys.length);
    for (const k of expectedKeys) expect(keys, `${k} delivered`).toContain(k);
    // what fell due while Redis was down went out once it was back, marked late
    const overdue = deliveries.filter((x) => x.dueAtMs > downAt + 100 && x.dueAtMs < upAt - 1100);
    expect(overdue.length, 'some injects fell due while Redis was down').toBeGreaterThan(0);
    for (const d of overdue) {
      expect(d.late, `${d.injectId} due while Redis was down`).toBe(true);
      expect(d.deliveredAtMs - upAt, `${d.injectId} delivered soon after Redis came back`).toBeLessThan(3000);
    }
    for (const d of deliveries.filter((x) => x.dueAtMs > upAt + 2500))
      expect(d.late, `${d.injectId} on time`).toBe(false);
    const seen = socket.of('inject:delivered').map((e) => e.injectId as string);
    expect(new Set(seen).size, 'the connected player saw nothing twice').toBe(seen.length);
    socket.close();
  });
});

describe('Redis unreachable while the platform runs', () => {
  it('answers writes with 503 and a clear message, writes nothing, says why in health and on the socket, and resumes by itself', async () => {
    const redis = await TestRedis.start({ persistent: true });
    cleanup.push(() => redis.down());
    const app = await backendOn(redis, 'redis-away');
    const staff = await Api.login(app.url);
    const ex = await createExercise(staff, 'demo', 300);
    const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const control = new RecordingClient(app.url, staff.token);
    await control.ready();
    await control.watch(ex.id);

    await redis.down('SIGKILL');
    await until(async () => (await staff.get<Health>('/health')).status === 503, 5000, 'health to notice');
    const health = await staff.get<Health>('/health');
    expect(health.body.status).toBe('degraded');
    expect(health.body.database.ok).toBe(true);
    expect(health.body.redis.ok).toBe(false);
    expect(health.body.redis.error).toMatch(
      new RegExp(`Redis at redis://127\\.0\\.0\\.1:${redis.port}/? is unreachable`),
    );
    await until(
      () => control.of('system:status').some((e) => e.redis === 'unreachable'),
      5000,
      'the socket to tell clients',
    );

    const eventsBefore = (await staff.ok<unknown[]>('GET', `/exercises/${ex.id}/events`)).length;
    const t0 = Date.now();
    const start = await staff.post<{ code: string; message: string }>(`/exercises/${ex.id}/start`);
    expect(Date.now() - t0, 'refused at once, not after a timeout').toBeLessThan(1000);
    expect(start.status).toBe(503);
    expect(start.body.code).toBe('redis.unavailable');
    expect(start.body.message).toMatch(/unreachable.*nothing was changed/i);
    // reads still work, and nothing was written
    const still = await staff.ok<{ clock: { status: string } }>('GET', `/exercises/${ex.id}`);
    expect(still.clock.status).toBe('draft');
    expect(await staff.ok<unknown[]>('GET', `/exercises/${ex.id}/events`)).toHaveLength(eventsBefore);
    expect((await soc.get('/play/session')).status).toBe(200);
    // signing in keeps working: it needs only the database
    expect((await Api.login(app.url)).token).toBeTruthy();

    await redis.up();
    await until(async () => (await staff.get<Health>('/health')).status === 200, 10_000, 'health to recover by itself');
    await until(() => control.of('system:status').some((e) => e.redis === 'ok'), 5000, 'the socket to say it is back');
    const started = await staff.post(`/exercises/${ex.id}/start`);
    expect(started.status).toBe(200);
    await until(
      async () => (await soc.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'edr-alert'),
      10_000,
      'deliveries after Redis is back',
    );
    control.close();
  });
});
