// The scale-out layout of the README on one machine: two API processes (WORKER=off) and a separate
// delivery worker on one Redis and one database, players of two teams spread over both APIs, on the
// real clock (×1). Shows, from the players' side: every inject reaches every player exactly once,
// close to its instant; a pause taken on API A holds what the worker would have broadcast to the
// players of API B, and the resume (on API B) shifts every pending inject by exactly the pause length.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, TEST_DATABASE_KIND, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

const INJECTS = 10;
const FIRST_S = 3;
/** whole seconds: pack offsets are T+hh:mm:ss */
const SPACING_MS = 2000;
/** the pause falls between these two injects (1-based: after inject 5 is out, before inject 6 is due) */
const PAUSE_AFTER = 5;
const PAUSE_MS = 2500;
const PLAYERS_PER_TEAM_PER_API = 3;
/**
 * Lateness a receipt may show on a loaded 2-core machine running three backend processes and this
 * test's clients: generous against the p99 ≤ 10 ms design target, but far below what a lost
 * pre-instant wait or a BullMQ poll (0–100 ms, up to seconds after a stall) would give.
 */
const MAX_LATE_MS = 400;
const P50_LATE_MS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))] ?? NaN;
const scenarioMsOf = (k: number) => FIRST_S * 1000 + (k - 1) * SPACING_MS;

function scalePack(): unknown {
  const injects = Array.from({ length: INJECTS }, (_, i) => {
    const ms = scenarioMsOf(i + 1);
    const s = ms / 1000;
    return {
      id: `scale-${i + 1}`,
      offset: `T+00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
      to: 'all',
      channel: 'siem',
      from: { name: 'SIEM' },
      subject: `Scale ${i + 1}`,
      body: 'Scale-out inject.',
    };
  });
  return {
    id: 'scale-out',
    title: 'Scale out',
    summary: 'Generated.',
    version: '1.0.0',
    duration: '01:00',
    teams: [
      { id: 'blue', name: 'Blue' },
      { id: 'red', name: 'Red' },
    ],
    injects,
  };
}

interface Clock {
  status: string;
  speed: number;
  anchorWallMs: number;
  anchorScenarioMs: number;
}
interface LogEvent {
  type: string;
  atMs: number;
  payload: Record<string, unknown>;
}
interface Delivery {
  injectId: string;
  teamId: string;
  dueAtMs: number;
  late: boolean;
  broadcastStartedAtMs: number | null;
}

describe(`two API processes and a delivery worker on one machine (${TEST_DATABASE_KIND})`, () => {
  const procs: RunningProcess[] = [];
  let apiA: RunningProcess;
  let apiB: RunningProcess;

  beforeAll(async () => {
    const env = testEnv('scale-out');
    const injectsDir = join(env.dataDir, 'packs');
    mkdirSync(join(injectsDir, 'scale-out'), { recursive: true });
    writeFileSync(join(injectsDir, 'scale-out', 'pack.yaml'), stringify(scalePack()));
    // one after the other: the first creates the schema, the others find it
    apiA = await startBackend({ ...env, injectsDir }, { worker: 'off' });
    procs.push(apiA);
    apiB = await startBackend({ ...env, injectsDir }, { worker: 'off' });
    procs.push(apiB);
    procs.push(await startBackend({ ...env, injectsDir }, { entry: 'worker' }));
  }, 180_000);
  afterAll(async () => {
    if (process.env.SCALE_OUT_LOG) for (const p of procs) process.stdout.write(p.output());
    for (const p of [...procs].reverse()) await p.stop();
  });

  it('delivers every inject to every player of either API exactly once, on time, and a pause on A shifts what B’s players get by exactly its length', async () => {
    const staffA = await Api.login(apiA.url);
    const staffB = new Api(apiB.url, staffA.token);
    const ex = await createExercise(staffA, 'scale-out', 1);
    const players: { team: string; api: 'A' | 'B'; client: RecordingClient }[] = [];
    for (const team of ['blue', 'red']) {
      for (const [name, proc] of [
        ['A', apiA],
        ['B', apiB],
      ] as const) {
        for (let k = 0; k < PLAYERS_PER_TEAM_PER_API; k++) {
          const player = await Api.join(proc.url, teamByKey(ex, team).joinCode ?? '', `${team} ${name}${k + 1}`);
          players.push({ team, api: name, client: new RecordingClient(proc.url, player.token) });
        }
      }
    }
    const control = new RecordingClient(apiB.url, staffA.token);
    try {
      for (const p of players) expect(await p.client.ready()).toBe('ready');
      expect(await control.ready()).toBe('ready');
      expect(await control.watch(ex.id)).toMatchObject({ ok: true });

      await staffA.ok('POST', `/exercises/${ex.id}/start`);
      const clock = (await staffB.ok<{ clock: Clock }>('GET', `/exercises/${ex.id}`)).clock;
      expect(clock.status).toBe('running');
      const dueAt = (k: number) => clock.anchorWallMs + (scenarioMsOf(k) - clock.anchorScenarioMs) / clock.speed;
      const got = (k: number) =>
        players.map((p) => p.client.of('inject:delivered').filter((e) => e.injectId === `scale-${k}`));

      // the pause on A, half-way between inject PAUSE_AFTER and the next, and the resume on B
      const pauseAt = dueAt(PAUSE_AFTER) + SPACING_MS / 2;
      await until(() => got(PAUSE_AFTER).every((r) => r.length >= 1), 20_000, `scale-${PAUSE_AFTER} at every player`);
      await sleep(Math.max(0, pauseAt - Date.now()));
      const pauseSent = Date.now();
      await staffA.ok('POST', `/exercises/${ex.id}/pause`);
      const pauseAnswered = Date.now();
      await until(
        () => players.every((p) => p.client.of('exercise:clock').some((c) => c.status === 'paused')),
        10_000,
        'the pause at every player',
      );
      // the next inject's original instant passes while paused; nobody may get it
      await sleep(Math.max(0, pauseSent + PAUSE_MS - Date.now()));
      expect(got(PAUSE_AFTER + 1).flat(), 'an inject reached players during the pause').toEqual([]);
      const resumeSent = Date.now();
      await staffB.ok('POST', `/exercises/${ex.id}/resume`);
      const resumeAnswered = Date.now();

      await until(() => got(INJECTS).every((r) => r.length >= 1), 30_000, 'the last inject at every player');
      await sleep(500);

      const log = await staffB.ok<LogEvent[]>('GET', `/exercises/${ex.id}/events`);
      const pause = log.filter((e) => e.type === 'exercise.paused').at(-1)!;
      const resume = log.filter((e) => e.type === 'exercise.resumed').at(-1)!;
      const pauseLength = resume.atMs - pause.atMs;
      expect(resume.payload.pausedForMs).toBe(pauseLength);
      // the pause the server recorded lies within what the two requests allow
      expect(pauseLength).toBeGreaterThanOrEqual(resumeSent - pauseAnswered);
      expect(pauseLength).toBeLessThanOrEqual(resumeAnswered - pauseSent);

      // exactly once: each player has each inject once, and nothing else arrived
      for (const p of players) {
        const ids = p.client.of('inject:delivered').map((e) => e.injectId);
        expect(ids, `player ${p.team} on ${p.api}`).toEqual(
          Array.from({ length: INJECTS }, (_, i) => `scale-${i + 1}`),
        );
      }
      // the control room (on B) saw each inject once, for both teams
      const ctl = control.of('control:inject-delivered');
      expect(ctl.map((e) => e.injectId).sort()).toEqual(
        Array.from({ length: INJECTS }, (_, i) => `scale-${i + 1}`).sort(),
      );
      for (const e of ctl)
        expect([...e.teamIds].sort()).toEqual([teamByKey(ex, 'blue').id, teamByKey(ex, 'red').id].sort());

      // each inject's instant: the original one before the pause, shifted by exactly the pause after it
      const lateness: Record<'A' | 'B', number[]> = { A: [], B: [] };
      const worstPerInject: number[] = [];
      for (let k = 1; k <= INJECTS; k++) {
        const want = dueAt(k) + (k > PAUSE_AFTER ? pauseLength : 0);
        for (const [i, r] of got(k).entries()) {
          const p = players[i];
          expect(
            Math.abs(r[0].dueAt - want),
            `scale-${k} at ${p.team} on ${p.api}: due ${r[0].dueAt - dueAt(k)} ms after its original instant, pause ${pauseLength} ms`,
          ).toBeLessThanOrEqual(0.5);
          const late =
            p.client.received.find((x) => x.event === 'inject:delivered' && x.payload.injectId === `scale-${k}`)!.at -
            want;
          // never before its instant (the client's clock is the server's: one machine; ms resolution)
          expect(late, `scale-${k} at ${p.team} on ${p.api}`).toBeGreaterThanOrEqual(-1);
          lateness[p.api].push(late);
          worstPerInject[k - 1] = Math.max(worstPerInject[k - 1] ?? -Infinity, late);
        }
      }
      const all = [...lateness.A, ...lateness.B];
      process.stdout.write(
        `scale-out (${TEST_DATABASE_KIND}; 2 APIs + worker; ${players.length} players, ${INJECTS} injects; pause ${pauseLength} ms, requests allow ${resumeSent - pauseAnswered}–${resumeAnswered - pauseSent} ms):\n` +
          `  receipt lateness on A: p50 ${pct(lateness.A, 50)} ms, p99 ${pct(lateness.A, 99)} ms, max ${Math.max(...lateness.A)} ms\n` +
          `  receipt lateness on B: p50 ${pct(lateness.B, 50)} ms, p99 ${pct(lateness.B, 99)} ms, max ${Math.max(...lateness.B)} ms\n` +
          `  worst receipt per inject: ${worstPerInject.join(', ')} ms\n`,
      );
      expect(Math.max(...all)).toBeLessThanOrEqual(MAX_LATE_MS);
      expect(pct(all, 50)).toBeLessThanOrEqual(P50_LATE_MS);

      // the database's record agrees: one delivery per inject and team, none late, all by the worker
      const deliveries = await staffA.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`);
      expect(deliveries).toHaveLength(INJECTS * 2);
      expect(new Set(deliveries.map((d) => `${d.injectId}/${d.teamId}`)).size).toBe(INJECTS * 2);
      expect(deliveries.filter((d) => d.late)).toEqual([]);
      await until(
        async () =>
          (await staffA.ok<Delivery[]>('GET', `/exercises/${ex.id}/deliveries`)).every(
            (d) => d.broadcastStartedAtMs !== null,
          ),
        5000,
        'broadcast timings recorded',
      );
      const accuracy = await staffB.ok<{ broadcasts: number; processes: Record<string, number> }>(
        'GET',
        `/exercises/${ex.id}/delivery-accuracy`,
      );
      expect(Object.keys(accuracy.processes), 'one process (the worker) broadcast every inject').toHaveLength(1);
    } finally {
      for (const p of players) p.client.close();
      control.close();
    }
  });
});
