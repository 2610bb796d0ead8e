// A clock change (here a speed change) that commits while the worker is preparing many deliveries
// of the same instant. A prepare claims its inject only on the clock generation its job was
// scheduled for, and a clock change bumps the generation and withdraws what was prepared: the two
// must be totally ordered across processes. If a claim read the old generation while the change's
// bump was not yet committed, its inject would stay "prepared" on a dead generation — the new
// generation's job finds nothing pending, and the inject is never delivered. So: after each burst,
// every inject of it reaches every player exactly once and none stays prepared. API and delivery
// worker run as separate processes (the claim and the change come from different processes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, TEST_DATABASE_KIND, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

/** injects due at the same instant, per burst */
const PER_BURST = 24;
const BURSTS = Number(process.env.PREPARE_RACE_BURSTS ?? 4);
/** scenario seconds between bursts */
const SPACING_S = 4;
/** the speed change is accepted this long before the burst's instant: inside the prepare window (lead 400 ms) */
const CHANGE_BEFORE_MS = [320, 280, 240, 360, 300, 260];

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function burstPack(): unknown {
  const injects = [];
  for (let b = 0; b < BURSTS; b++) {
    const s = (b + 1) * SPACING_S;
    for (let i = 0; i < PER_BURST; i++)
      injects.push({
        id: `b${b + 1}-${i + 1}`,
        offset: `T+00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
        to: 'all',
        channel: 'siem',
        from: { name: 'SIEM' },
        subject: `Burst ${b + 1} inject ${i + 1}`,
        body: 'Prepare-race inject.',
      });
  }
  return {
    id: 'prepare-race',
    title: 'Prepare race',
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

describe(`a clock change while a burst of deliveries is being prepared (${TEST_DATABASE_KIND}, API + separate worker)`, () => {
  const procs: RunningProcess[] = [];
  let api: RunningProcess;

  beforeAll(async () => {
    const env = testEnv('prepare-race');
    const injectsDir = join(env.dataDir, 'packs');
    mkdirSync(join(injectsDir, 'prepare-race'), { recursive: true });
    writeFileSync(join(injectsDir, 'prepare-race', 'pack.yaml'), stringify(burstPack()));
    api = await startBackend({ ...env, injectsDir }, { worker: 'off' });
    procs.push(api);
    procs.push(await startBackend({ ...env, injectsDir }, { entry: 'worker' }));
  }, 180_000);
  afterAll(async () => {
    if (process.env.PREPARE_RACE_LOG) for (const p of procs) process.stdout.write(p.output());
    for (const p of procs.reverse()) await p.stop();
  });

  it('delivers every inject of every burst exactly once, whichever of claim and change commits first', async () => {
    const staff = await Api.login(api.url);
    const ex = await createExercise(staff, 'prepare-race', 1);
    const clients: RecordingClient[] = [];
    for (const key of ['blue', 'red']) {
      const player = await Api.join(api.url, teamByKey(ex, key).joinCode ?? '', `player ${key}`);
      const client = new RecordingClient(api.url, player.token);
      expect(await client.ready()).toBe('ready');
      clients.push(client);
    }
    await staff.ok('POST', `/exercises/${ex.id}/start`);

    for (let b = 0; b < BURSTS; b++) {
      const ids = Array.from({ length: PER_BURST }, (_, i) => `b${b + 1}-${i + 1}`);
      const clock = (await staff.ok<{ clock: Clock }>('GET', `/exercises/${ex.id}`)).clock;
      expect(clock.status).toBe('running');
      const due = clock.anchorWallMs + ((b + 1) * SPACING_S * 1000 - clock.anchorScenarioMs) / clock.speed;
      const wait = due - CHANGE_BEFORE_MS[b % CHANGE_BEFORE_MS.length] - now();
      if (wait > 0) await sleep(wait);
      // ×2 ↔ ×1: every change bumps the generation and re-times the burst
      await staff.ok('POST', `/exercises/${ex.id}/speed`, { speed: b % 2 === 0 ? 2 : 1 });
      await until(
        () => clients.every((c) => ids.every((id) => c.of('inject:delivered').some((e) => e.injectId === id))),
        15_000,
        `burst ${b + 1} at every player`,
      );
      const timeline = await staff.ok<{ injectId: string; status: string }[]>('GET', `/exercises/${ex.id}/timeline`);
      expect(timeline.filter((i) => ids.includes(i.injectId) && i.status !== 'delivered')).toEqual([]);
    }
    await sleep(300);
    // exactly once per player (not the order across bursts: on a starved machine a burst can run
    // seconds late and the next one, whose earlier-first check only covers injects still pending,
    // can overtake its last prepared ones)
    for (const c of clients) {
      const got = c.of('inject:delivered').map((e) => e.injectId);
      expect(new Set(got).size).toBe(got.length);
      expect(got).toHaveLength(BURSTS * PER_BURST);
    }
    const timeline = await staff.ok<{ injectId: string; status: string }[]>('GET', `/exercises/${ex.id}/timeline`);
    expect(timeline.filter((i) => i.status === 'prepared')).toEqual([]);
    for (const c of clients) c.close();
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  }, 300_000);
});
