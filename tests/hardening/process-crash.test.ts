import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

// The demo pack at ×300: T+00:05 = 1 s, T+00:10 = 2 s … T+00:50 (wrap-up) = 10 s after the start.
const SPEED = 300;
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
type Ex = Awaited<ReturnType<typeof createExercise>>;

const teamKeyOf = (ex: Ex, teamId: string) => ex.teams.find((t) => t.id === teamId)?.key ?? teamId;

async function settle(staff: Api, exId: string): Promise<Delivery[]> {
  // wrap-up (the last clock-released inject) is due 10 s after the start
  await until(
    async () =>
      (await staff.ok<Delivery[]>('GET', `/exercises/${exId}/deliveries`)).some((d) => d.injectId === 'wrap-up'),
    25_000,
    'the last inject',
  );
  await sleep(600);
  return staff.ok<Delivery[]>('GET', `/exercises/${exId}/deliveries`);
}

/** Nothing lost, nothing twice; what fell due while down went out marked late within a second of the worker being back. */
function expectRecovered(ex: Ex, deliveries: Delivery[], downAt: number, workerUp: RunningProcess) {
  const keys = deliveries.map((d) => `${d.injectId}/${teamKeyOf(ex, d.teamId)}`);
  expect(new Set(keys).size, 'no (inject, team) delivered twice').toBe(keys.length);
  for (const k of expectedKeys) expect(keys, `${k} delivered`).toContain(k);

  const overdue = deliveries.filter((d) => d.dueAtMs > downAt + 200 && d.dueAtMs < workerUp.spawnedAt - 200);
  expect(overdue.length, 'some injects fell due while nothing ran').toBeGreaterThan(0);
  const catchUp = overdue.map((d) => d.deliveredAtMs - workerUp.readyAt);
  for (const d of overdue) {
    expect(d.late, `${d.injectId} fell due while down: marked late`).toBe(true);
    expect(d.deliveredAtMs - workerUp.readyAt, `${d.injectId} delivered within a second of the restart`).toBeLessThan(
      1000,
    );
  }
  for (const d of deliveries.filter((x) => x.dueAtMs > workerUp.readyAt + 500))
    expect(d.late, `${d.injectId} on time after the restart`).toBe(false);
  return {
    overdue: overdue.length,
    catchUpAfterReadyMs: Math.max(...catchUp),
    bootMs: workerUp.readyAt - workerUp.spawnedAt,
  };
}

describe('kill -9 of the API and of a separate worker in the middle of an exercise', () => {
  it('restarting both loses nothing, duplicates nothing and delivers the backlog late, at once, in clock order', async () => {
    const env = testEnv('crash-api-worker');
    const procs: RunningProcess[] = [];
    try {
      const api = await startBackend(env, { worker: 'off' });
      const worker = await startBackend(env, { entry: 'worker' });
      procs.push(api, worker);
      const staff = await Api.login(api.url);
      const ex = await createExercise(staff, 'demo', SPEED);
      const soc = await Api.join(api.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
      const before = new RecordingClient(api.url, soc.token);
      await before.ready();
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        () => before.of('inject:delivered').some((e) => e.injectId === 'edr-alert'),
        10_000,
        'edr-alert before the crash',
      );

      const downAt = Date.now();
      await Promise.all([worker.kill(), api.kill()]);
      before.close();
      // cert-advisory (2 s), soc-reminder/cert-followup (3 s) and press-call (4 s) fall due meanwhile
      await sleep(3000);

      const api2 = await startBackend(env, { worker: 'off' });
      procs.push(api2);
      staff.baseUrl = api2.url;
      soc.baseUrl = api2.url;
      const after = new RecordingClient(api2.url, soc.token);
      await after.ready();
      const worker2 = await startBackend(env, { entry: 'worker' });
      procs.push(worker2);

      const deliveries = await settle(staff, ex.id);
      const figures = expectRecovered(ex, deliveries, downAt, worker2);
      console.log(
        `[crash api+worker] ${figures.overdue} overdue deliveries; worker boot ${figures.bootMs} ms; last overdue delivered ${figures.catchUpAfterReadyMs} ms after the worker was ready`,
      );

      const log = await staff.ok<{ type: string; payload: { injectId?: string } }[]>(
        'GET',
        `/exercises/${ex.id}/events`,
      );
      const logged = log.filter((e) => e.type === 'inject.delivered').map((e) => e.payload.injectId);
      expect(new Set(logged).size, 'each inject logged once').toBe(logged.length);

      // the SOC player saw each of its injects once across both connections, in clock order, and the API has them all
      const seen = [...before.of('inject:delivered'), ...after.of('inject:delivered')];
      expect(new Set(seen.map((e) => e.injectId)).size).toBe(seen.length);
      expect(seen.map((e) => e.scenarioMs)).toEqual(seen.map((e) => e.scenarioMs as number).sort((a, b) => a - b));
      const socDelivered = deliveries
        .filter((d) => d.teamId === soc.teamId)
        .map((d) => d.injectId)
        .sort();
      expect((await soc.ok<{ id: string }[]>('GET', '/play/injects')).map((i) => i.id).sort()).toEqual(socDelivered);
      after.close();
    } finally {
      for (const p of procs.reverse()) await p.stop().catch(() => undefined);
    }
  });

  it('a worker killed alone is replaced without the API noticing: connected players get the backlog once', async () => {
    const env = testEnv('crash-worker');
    const procs: RunningProcess[] = [];
    try {
      const api = await startBackend(env, { worker: 'off' });
      const worker = await startBackend(env, { entry: 'worker' });
      procs.push(api, worker);
      const staff = await Api.login(api.url);
      const ex = await createExercise(staff, 'demo', SPEED);
      const players = await Promise.all(
        ['soc', 'cert', 'comms'].map((k) => Api.join(api.url, teamByKey(ex, k).joinCode ?? '', k)),
      );
      const sockets = players.map((p) => new RecordingClient(api.url, p.token));
      await Promise.all(sockets.map((s) => s.ready()));
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        () => sockets[0]?.of('inject:delivered').some((e) => e.injectId === 'edr-alert') ?? false,
        10_000,
        'edr-alert before the crash',
      );

      const downAt = Date.now();
      await worker.kill();
      await sleep(3000);
      const worker2 = await startBackend(env, { entry: 'worker' });
      procs.push(worker2);

      const deliveries = await settle(staff, ex.id);
      const figures = expectRecovered(ex, deliveries, downAt, worker2);
      console.log(
        `[crash worker] ${figures.overdue} overdue deliveries; worker boot ${figures.bootMs} ms; last overdue delivered ${figures.catchUpAfterReadyMs} ms after the worker was ready`,
      );
      // every player, connected throughout, received exactly its team's deliveries, each once
      for (const [i, p] of players.entries()) {
        const got = (sockets[i]?.of('inject:delivered') ?? []).map((e) => e.injectId as string);
        expect(new Set(got).size).toBe(got.length);
        expect(got.sort()).toEqual(
          deliveries
            .filter((d) => d.teamId === p.teamId)
            .map((d) => d.injectId)
            .sort(),
        );
      }
      sockets.forEach((s) => s.close());
    } finally {
      for (const p of procs.reverse()) await p.stop().catch(() => undefined);
    }
  });
});
