import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { clockReleasedInjects, loadPack } from '../support/demo-pack.js';
import { RecordingClient, until } from '../support/socket-client.js';

const expected = clockReleasedInjects(loadPack('demo'));
const total = expected.reduce((n, i) => n + i.teams.length, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Delivery {
  injectId: string;
  teamId: string;
  late: boolean;
  dueAtMs: number;
  deliveredAtMs: number;
}

/** Runs the demo pack at ×300 (T+00:10 = 2 s), takes the backend down mid-way, brings up a new one. */
async function restartMidExercise(name: string, takeDown: (app: RunningProcess) => Promise<void>) {
  const env = testEnv(name);
  const first = await startBackend(env);
  const processes: RunningProcess[] = [first];
  try {
    const staff = await Api.login(first.url);
    const ex = await createExercise(staff, 'demo', 300);
    const soc = await Api.join(first.url, teamByKey(ex, 'soc').joinCode ?? '', 'analyst');
    const before = new RecordingClient(first.url, soc.token);
    await before.ready();
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await until(() => before.of('inject:delivered').some((e) => e.injectId === 'edr-alert'), 10_000, 'edr-alert before the restart');
    const downAt = Date.now();
    await takeDown(first);
    before.close();
    // cert-advisory (2 s), cert-followup (3 s) and press-call (4 s) fall due while nothing runs
    await sleep(3500);

    const second = await startBackend(env);
    processes.push(second);
    const upAt = Date.now();
    soc.baseUrl = second.url;
    staff.baseUrl = second.url;
    const after = new RecordingClient(second.url, soc.token);
    await after.ready();
    await until(async () => (await staff.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`)).length >= total, 20_000, 'all deliveries after the restart');
    await sleep(500);
    const deliveries = await staff.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`);
    const log = await staff.ok<{ type: string; payload: { injectId?: string } }[]>('GET', `/exercises/${ex.id}/events`);
    const player = await soc.ok<{ id: string }[]>('GET', '/play/injects');
    after.close();
    return { ex, deliveries, log, player, before, after, downAt, upAt };
  } finally {
    for (const p of processes) await p.stop().catch(() => undefined);
  }
}

describe('restarting the backend in the middle of an exercise', () => {
  for (const [how, takeDown] of [
    ['kill -9', (a: RunningProcess) => a.kill()],
    ['a clean shutdown', (a: RunningProcess) => a.stop()],
  ] as const) {
    it(`loses and duplicates nothing after ${how}, and marks what fell due meanwhile as late`, async () => {
      const r = await restartMidExercise(how === 'kill -9' ? 'restart-kill' : 'restart-stop', takeDown);
      const keys = r.deliveries.map((d) => `${d.injectId}/${d.teamId}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(r.deliveries).toHaveLength(total);
      expect(r.log.filter((e) => e.type === 'inject.delivered').map((e) => e.payload.injectId).sort()).toEqual(expected.map((i) => i.id).sort());

      const overdue = r.deliveries.filter((d) => d.dueAtMs > r.downAt + 200 && d.dueAtMs < r.upAt - 1500);
      expect(overdue.length).toBeGreaterThan(0);
      for (const d of overdue) {
        expect(d.late, `${d.injectId} fell due while down`).toBe(true);
        // delivered at once when the new backend came up
        expect(d.deliveredAtMs - r.upAt).toBeLessThan(2000);
      }
      for (const d of r.deliveries.filter((x) => x.dueAtMs > r.upAt + 500)) expect(d.late, `${d.injectId} on time`).toBe(false);

      // the SOC player saw each of its injects exactly once across both connections
      const seen = [...r.before.of('inject:delivered'), ...r.after.of('inject:delivered')].map((e) => e.injectId);
      const socInjects = expected.filter((i) => i.teams.includes('soc')).map((i) => i.id);
      expect(new Set(seen).size).toBe(seen.length);
      // and in exercise-clock order, backlog included
      const times = [...r.before.of('inject:delivered'), ...r.after.of('inject:delivered')].map((e) => e.scenarioMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // what a client missed while disconnected it gets from the API on reconnect
      expect(r.player.map((i) => i.id).sort()).toEqual([...socInjects].sort());
    });
  }
});
