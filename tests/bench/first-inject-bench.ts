// The first inject after a start, against the injects after it: many short drills started one after
// another on one running platform (a fresh exercise each time, as a facilitator would start them),
// lateness from each inject's instant to its receipt by a connected player. Prints both
// distributions and the share of receipts 20 ms or more late. BENCH_STARTS (40), BENCH_FIRST_S (the
// first inject's offset at ×2; 1 = half a second after the start), BENCH_QUIET_MS (a pause between runs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Api, createExercise } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';
import { row, summarise } from './stats.js';

const RUNS = Number(process.env.BENCH_STARTS ?? 40);
const INJECTS = 4;
/** at ×2: the first inject 1 s (wall) after the start, the others every 500 ms after it */
const SPEED = 2;
const FIRST_S = Number(process.env.BENCH_FIRST_S ?? 2);
const LATE_MS = 20;

function pack(): unknown {
  const injects = Array.from({ length: INJECTS }, (_, i) => ({
    id: `inject-${i + 1}`,
    offset: `T+00:00:${String(FIRST_S + i).padStart(2, '0')}`,
    to: 'all',
    channel: 'siem',
    from: { name: 'SIEM' },
    subject: `Alert ${i + 1}`,
    body: 'Benchmark inject.',
  }));
  return {
    id: 'first-inject',
    title: 'First inject benchmark',
    summary: 'Generated.',
    version: '1.0.0',
    duration: '00:10',
    teams: [{ id: 'blue', name: 'Blue' }],
    injects,
  };
}

export async function runFirstInjectBench(): Promise<Record<string, unknown>> {
  const env = testEnv('bench-first-inject');
  const injectsDir = join(env.dataDir, 'packs');
  mkdirSync(join(injectsDir, 'first-inject'), { recursive: true });
  writeFileSync(join(injectsDir, 'first-inject', 'pack.yaml'), stringify(pack()));
  const app = await startBackend({ ...env, injectsDir });
  const first: number[] = [];
  const later: number[] = [];
  const startMs: number[] = [];
  try {
    const staff = await Api.login(app.url);
    for (let run = 0; run < RUNS; run++) {
      const ex = await createExercise(staff, 'first-inject', SPEED);
      const player = await Api.join(app.url, ex.teams[0]?.joinCode ?? '', `player ${run}`);
      const client = new RecordingClient(app.url, player.token);
      if ((await client.ready()) !== 'ready') throw new Error('player socket refused');
      const t0 = Date.now();
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      startMs.push(Date.now() - t0);
      await until(() => client.of('inject:delivered').length === INJECTS, 15_000, 'every inject');
      for (const r of client.received.filter((x) => x.event === 'inject:delivered')) {
        const p = r.payload as { injectId: string; dueAt: number };
        (p.injectId === 'inject-1' ? first : later).push(r.at - p.dueAt);
      }
      client.close();
      await staff.ok('POST', `/exercises/${ex.id}/end`);
      if (process.env.BENCH_QUIET_MS) await new Promise((r) => setTimeout(r, Number(process.env.BENCH_QUIET_MS)));
    }
  } finally {
    await app.stop();
  }
  const share = (xs: number[]) => Math.round((1000 * xs.filter((x) => x >= LATE_MS).length) / xs.length) / 10;
  const f = summarise(first);
  const l = summarise(later);
  process.stdout.write(
    `\nfirst inject after a start vs later injects (${RUNS} starts, receipt lateness at a connected player)\n`,
  );
  process.stdout.write(`${row('first inject after the start', f)}  ≥${LATE_MS} ms: ${share(first)} %\n`);
  process.stdout.write(`${row('start request (POST /start round trip)', summarise(startMs))}\n`);
  process.stdout.write(`${row('later injects', l)}  ≥${LATE_MS} ms: ${share(later)} %\n`);
  return {
    starts: RUNS,
    firstAfterMs: (FIRST_S * 1000) / SPEED,
    first: f,
    later: l,
    firstLateSharePct: share(first),
    laterLateSharePct: share(later),
  };
}
