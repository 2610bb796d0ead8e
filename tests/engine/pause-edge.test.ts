// A pause that reaches the server in the last milliseconds before an inject's instant, when the
// delivery may already be final (revealed ~15 ms ahead) or not. Linearisation: the pause takes
// effect when the server accepts it, and every inject due after that is held and shifted by exactly
// the pause length — unless its delivery was already revealed when the pause committed; then the
// pause takes effect at that inject's instant, so the frozen clock never stands before an inject
// the players have received. Checked many times, one process and API + separate worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, TEST_DATABASE_KIND, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

/** pause offsets around the instant (ms); −40 also exercises the "held" path every time */
const DELTAS = [-10, -2, 0, 2, -40];
const REPEATS = Number(process.env.PAUSE_EDGE_REPEATS ?? 5);
const RUNS = DELTAS.length * REPEATS;
const SPACING_S = 2;
const CLIENTS = 3;

const now = () => performance.timeOrigin + performance.now();
const median = (xs: number[]) => [...xs.slice(-7)].sort((a, b) => a - b)[Math.floor(Math.min(xs.length, 7) / 2)] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntilWall(at: number): Promise<void> {
  const ms = at - now();
  if (ms > 5) await sleep(ms - 5);
  while (now() < at) await new Promise((r) => setImmediate(r));
}

function edgePack(): unknown {
  // at ×1, one inject every SPACING_S seconds of scenario (and wall) time
  const injects = Array.from({ length: RUNS }, (_, i) => {
    const s = (i + 1) * SPACING_S;
    return {
      id: `edge-${i + 1}`,
      offset: `T+00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
      to: 'all',
      channel: 'siem',
      from: { name: 'SIEM' },
      subject: `Edge ${i + 1}`,
      body: 'Pause-edge inject.',
    };
  });
  return {
    id: 'pause-edge',
    title: 'Pause edge',
    summary: 'Generated.',
    version: '1.0.0',
    duration: '01:00',
    teams: [{ id: 'blue', name: 'Blue' }],
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
  scenarioMs: number | null;
  payload: Record<string, unknown>;
}

for (const layout of ['one process', 'API + separate worker'] as const) {
  describe(`a pause at the edge of an inject's instant (${TEST_DATABASE_KIND}, ${layout})`, () => {
    const procs: RunningProcess[] = [];
    let api: RunningProcess;

    beforeAll(async () => {
      const env = testEnv('pause-edge');
      const injectsDir = join(env.dataDir, 'packs');
      mkdirSync(join(injectsDir, 'pause-edge'), { recursive: true });
      writeFileSync(join(injectsDir, 'pause-edge', 'pack.yaml'), stringify(edgePack()));
      if (layout === 'one process') {
        api = await startBackend({ ...env, injectsDir });
        procs.push(api);
      } else {
        api = await startBackend({ ...env, injectsDir }, { worker: 'off' });
        procs.push(api);
        procs.push(await startBackend({ ...env, injectsDir }, { entry: 'worker' }));
      }
    }, 180_000);
    afterAll(async () => {
      if (process.env.PAUSE_EDGE_LOG) for (const p of procs) process.stdout.write(p.output());
      for (const p of procs.reverse()) await p.stop();
    });

    it('either delivers the inject with the clock frozen at or after it, or holds it and shifts it by exactly the pause', async () => {
      const staff = await Api.login(api.url);
      const ex = await createExercise(staff, 'pause-edge', 1);
      const clients: RecordingClient[] = [];
      for (let c = 0; c < CLIENTS; c++) {
        const player = await Api.join(api.url, teamByKey(ex, 'blue').joinCode ?? '', `player ${c + 1}`);
        const client = new RecordingClient(api.url, player.token);
        expect(await client.ready()).toBe('ready');
        clients.push(client);
      }
      const received = (injectId: string) =>
        clients.map((c) => c.of('inject:delivered').filter((e) => e.injectId === injectId));
      await staff.ok('POST', `/exercises/${ex.id}/start`);

      const outcomes: string[] = [];
      const lags: number[] = [5];
      for (let k = 0; k < RUNS; k++) {
        const delta = DELTAS[k % DELTAS.length];
        const injectId = `edge-${k + 1}`;
        const scenarioMs = (k + 1) * SPACING_S * 1000;
        const clock = (await staff.ok<{ clock: Clock }>('GET', `/exercises/${ex.id}`)).clock;
        expect(clock.status).toBe('running');
        const due = clock.anchorWallMs + (scenarioMs - clock.anchorScenarioMs) / clock.speed;
        // aim so that the server *accepts* the pause `delta` ms from the instant: a request takes
        // a while to reach the handler on a loaded machine, so send earlier by the recent median lag
        await waitUntilWall(due + delta - median(lags));
        const sentAt = now();
        await staff.ok('POST', `/exercises/${ex.id}/pause`);
        const answeredAt = now();
        // what the server had made final when the pause committed (no reveal can follow on this clock)
        const timeline = await staff.ok<{ injectId: string; status: string }[]>('GET', `/exercises/${ex.id}/timeline`);
        const status = timeline.find((i) => i.injectId === injectId)?.status;
        const log = await staff.ok<LogEvent[]>('GET', `/exercises/${ex.id}/events`);
        const pause = log.filter((e) => e.type === 'exercise.paused').at(-1);
        expect(pause).toBeTruthy();
        const pausedAtScenario = pause!.scenarioMs!;
        // the instant the server accepted the pause (the effective instant may be later, see above)
        const acceptedAt = typeof pause!.payload.acceptedAtMs === 'number' ? pause!.payload.acceptedAtMs : pause!.atMs;
        lags.push(acceptedAt - sentAt);
        const at = `accepted ${Math.round(acceptedAt - due)} ms`;

        if (status === 'delivered') {
          // delivered: the frozen clock stands at or after the inject, and every player got it once, on its instant
          expect(
            pausedAtScenario,
            `${injectId} (pause at ${delta} ms) was delivered but the clock froze before it`,
          ).toBeGreaterThanOrEqual(scenarioMs);
          await until(() => received(injectId).every((r) => r.length >= 1), 10_000, `${injectId} at every player`);
          for (const r of received(injectId)) {
            expect(r).toHaveLength(1);
            expect(Math.abs(r[0].dueAt - due)).toBeLessThanOrEqual(0.5);
          }
          outcomes.push(`${delta}:delivered(${at}, effective ${Math.round(pause!.atMs - due)} ms)`);
          await sleep(100);
          await staff.ok('POST', `/exercises/${ex.id}/resume`);
        } else {
          // held: nobody gets it while the clock stands still …
          expect(status).toBe('pending');
          expect(pausedAtScenario).toBeLessThan(scenarioMs);
          await waitUntilWall(Math.max(due, answeredAt) + 250);
          expect(
            received(injectId).flat(),
            `${injectId} (pause at ${delta} ms) reached players during the pause`,
          ).toEqual([]);
          await staff.ok('POST', `/exercises/${ex.id}/resume`);
          // … and it comes after the resume, shifted by exactly the pause length
          await until(() => received(injectId).every((r) => r.length >= 1), 10_000, `${injectId} after the resume`);
          const resume = (await staff.ok<LogEvent[]>('GET', `/exercises/${ex.id}/events`))
            .filter((e) => e.type === 'exercise.resumed')
            .at(-1);
          const pauseLength = resume!.atMs - pause!.atMs;
          expect(resume!.payload.pausedForMs).toBe(pauseLength);
          for (const r of received(injectId)) {
            expect(r).toHaveLength(1);
            expect(
              Math.abs(r[0].dueAt - (due + pauseLength)),
              `${injectId} shifted by ${r[0].dueAt - due} ms for a ${pauseLength} ms pause`,
            ).toBeLessThanOrEqual(0.5);
          }
          outcomes.push(`${delta}:held(${at})`);
        }
        expect(sentAt).toBeLessThan(answeredAt);
      }
      // every inject reached every player exactly once, in order
      for (const c of clients)
        expect(c.of('inject:delivered').map((e) => e.injectId)).toEqual(
          Array.from({ length: RUNS }, (_, i) => `edge-${i + 1}`),
        );
      const byDelta = DELTAS.map(
        (d) =>
          `${d} ms: ${outcomes
            .filter((o) => o.startsWith(`${d}:`))
            .map((o) => o.slice(String(d).length + 1))
            .join(', ')}`,
      );
      process.stdout.write(
        `pause-edge (${TEST_DATABASE_KIND}, ${layout}) outcomes per pause offset:\n  ${byDelta.join('\n  ')}\n`,
      );
      for (const c of clients) c.close();
      await staff.ok('POST', `/exercises/${ex.id}/end`);
    }, 300_000);
  });
}
