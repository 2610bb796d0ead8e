// Delivery precision: 100 and 1,000 socket.io clients in 50 teams, injects on the exercise clock,
// lateness from each inject's scheduled instant to its receipt by every client. Baselines measured
// in the same run: a bare socket.io server (bare-socketio-server.ts) broadcasting the same schedule
// to the same number of clients in the same teams — the platform's true floor, reported as the
// ratio of the platform's p99 to it — beside raw BullMQ delayed-job lateness and the raw-TCP
// fan-out floor; the backend's peak RSS.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { Api, createExercise } from '../support/api-client.js';
import { REDIS_URL, startBackend, testEnv } from '../support/app-process.js';
import { row, summarise, type Summary } from './stats.js';

const TEAMS = Number(process.env.BENCH_TEAMS ?? 50);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const INJECTS = Number(process.env.BENCH_INJECTS ?? 40);
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 750);
const SWARMS = 2;
/** Bare server and platform alternate this many times per client count; their receipts are pooled. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_DELIVERY_ROUNDS ?? 3));
/** BENCH_SOCKETS=process: the platform runs with SOCKETS=process (a socket process holds the clients) */
const SOCKETS = process.env.BENCH_SOCKETS ?? 'inline';
if (SOCKETS !== 'inline' && SOCKETS !== 'process') throw new Error('BENCH_SOCKETS must be inline or process');
const now = () => performance.timeOrigin + performance.now();

function benchPack(): unknown {
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: `team-${i + 1}`, name: `Team ${i + 1}` }));
  // one inject a minute of exercise time; at ×60 that is one a second of wall time
  const injects = Array.from({ length: INJECTS }, (_, i) => ({
    id: `inject-${i + 1}`,
    offset: `T+00:${String(i + 1).padStart(2, '0')}`,
    // every other inject goes to every team (1,000 clients), the rest to one team
    to: i % 2 === 0 ? 'all' : [`team-${(i % TEAMS) + 1}`],
    channel: 'siem',
    from: { name: 'SIEM' },
    subject: `Alert ${i + 1}`,
    body: 'Benchmark inject.',
  }));
  return {
    id: 'bench',
    title: 'Delivery benchmark',
    summary: 'Generated.',
    version: '1.0.0',
    duration: `0${Math.ceil((INJECTS + 2) / 60)}:00`.slice(-5),
    teams,
    injects,
  };
}

/** Baseline: plain BullMQ delayed jobs, lateness from (added + delay) to the processor starting. */
async function rawBullmq(count: number, spacingMs: number): Promise<Summary> {
  const prefix = `bench-raw-${process.pid}`;
  const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const wconn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('raw', { connection: conn, prefix });
  const lateness: number[] = [];
  const worker = new Worker(
    'raw',
    (job) => Promise.resolve(void lateness.push(now() - (job.data as { due: number }).due)),
    { connection: wconn, prefix, concurrency: 50 },
  );
  await worker.waitUntilReady();
  const start = now() + 500;
  for (let i = 0; i < count; i++) {
    const due = start + i * spacingMs;
    await queue.add('j', { due }, { delay: Math.max(0, due - now()), removeOnComplete: true });
  }
  while (lateness.length < count) await new Promise((r) => setTimeout(r, 50));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  conn.disconnect();
  wconn.disconnect();
  return summarise(lateness);
}

/** The machine's floor: writing one small frame to N connected TCP sockets, as any broadcast must. */
async function rawTcpFanout(sockets: number, rounds = 7): Promise<Summary> {
  const accepted: Socket[] = [];
  const server = createServer((s) => void accepted.push(s.on('error', () => undefined)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const clients = Array.from({ length: sockets }, () =>
    connect(port, '127.0.0.1')
      .on('data', () => undefined)
      .on('error', () => undefined),
  );
  while (accepted.length < sockets) await new Promise((r) => setTimeout(r, 20));
  const frame = Buffer.alloc(180, 'x');
  const durations: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const t0 = now();
    for (const s of accepted) s.write(frame);
    durations.push(now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const c of clients) c.destroy();
  server.close();
  return summarise(durations);
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function runDeliveryBench(): Promise<Record<string, unknown>> {
  process.stdout.write(
    `\n== delivery benchmark: ${INJECTS} injects ${SPACING_MS} ms apart to ${TEAMS} teams (every other inject to all teams) ==\n`,
  );
  const raw = await rawBullmq(INJECTS, SPACING_MS);
  process.stdout.write(`${row('raw BullMQ delayed job, due → processor', raw)}\n`);
  const tcp = await rawTcpFanout(CLIENTS);
  process.stdout.write(`${row(`machine floor: one write to each of ${CLIENTS} TCP sockets`, tcp)}\n`);
  const runs: Record<string, unknown> = {};
  for (const clients of [...new Set([Math.min(100, CLIENTS), CLIENTS])])
    runs[`clients${clients}`] = await compareWithBare(clients);
  return { rawBullmq: raw, rawTcpFanout: tcp, ...runs };
}

type Receipt = { injectId: string; socket: number; latenessMs: number };

/** Client processes holding `tokens.length` socket.io clients of `url`, resolved once every one is admitted. */
async function startSwarms(url: string, tokens: string[]) {
  const swarms = Array.from({ length: SWARMS }, () =>
    fork(join(import.meta.dirname, 'client-swarm.ts'), { execArgv: ['--import', 'tsx'] }),
  );
  const per = Math.ceil(tokens.length / SWARMS);
  await Promise.all(
    swarms.map(
      (s, k) =>
        new Promise<void>((res) => {
          s.once('message', () => res());
          s.send({ type: 'start', start: { url, tokens: tokens.slice(k * per, (k + 1) * per) } });
        }),
    ),
  );
  const finish = async (): Promise<Receipt[]> =>
    (
      await Promise.all(
        swarms.map(
          (s) =>
            new Promise<Receipt[]>((res) => {
              s.once('message', (m: { receipts: Receipt[] }) => res(m.receipts));
              s.send({ type: 'finish' });
            }),
        ),
      )
    ).flatMap((r, k) => r.map((x) => ({ ...x, socket: x.socket + k * per })));
  return { finish };
}

/** The floor: the same schedule broadcast by a bare socket.io server to the same number of clients in the same teams. */
async function bareSocketIo(
  clients: number,
): Promise<{ lateness: number[]; delivered: Summary; receipts: number; expected: number; duplicates: number }> {
  const server = fork(join(import.meta.dirname, 'bare-socketio-server.ts'), { execArgv: ['--import', 'tsx'] });
  try {
    const port = await new Promise<number>((res) => server.once('message', (m: { port: number }) => res(m.port)));
    const swarm = await startSwarms(
      `http://127.0.0.1:${port}`,
      Array.from({ length: clients }, (_, i) => String(i % TEAMS)),
    );
    await new Promise<void>((res) => {
      server.once('message', () => res());
      server.send({ type: 'run', schedule: { teams: TEAMS, injects: INJECTS, spacingMs: SPACING_MS } });
    });
    await new Promise((r) => setTimeout(r, 1000));
    const receipts = await swarm.finish();
    const perTeam = (t: number) => Array.from({ length: clients }, (_, i) => i % TEAMS).filter((x) => x === t).length;
    const expected = Array.from({ length: INJECTS }, (_, i) => (i % 2 === 0 ? clients : perTeam(i % TEAMS))).reduce(
      (a, b) => a + b,
      0,
    );
    const keys = receipts.map((r) => `${r.injectId}/${r.socket}`);
    const lateness = receipts.map((r) => r.latenessMs);
    return {
      lateness,
      delivered: summarise(lateness),
      receipts: receipts.length,
      expected,
      duplicates: keys.length - new Set(keys).size,
    };
  } finally {
    server.send({ type: 'stop' });
  }
}

const ratio = (a: number, b: number) => Math.round((100 * a) / b) / 100;

/**
 * The bare socket.io server and the platform, alternated ROUNDS times at one client count (bare,
 * platform, bare, platform, …), so that a minute in which the shared machine ran slower falls on
 * both sides. The verdict compares the pooled receipts of every round; each round's own figures
 * are printed beside it.
 */
async function compareWithBare(clients: number): Promise<Record<string, unknown>> {
  process.stdout.write(
    `-- ${clients} socket.io clients, ${ROUNDS} alternated rounds; platform sockets ${SOCKETS === 'process' ? 'in a socket process' : 'in the API process'} --\n`,
  );
  const bareLateness: number[] = [];
  const platformLateness: number[] = [];
  const rounds: { bare: Summary; platform: Record<string, unknown> & { delivered: Summary } }[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const bare = await bareSocketIo(clients);
    process.stdout.write(`${row(`round ${r}: bare socket.io, due → received`, bare.delivered)}\n`);
    process.stdout.write(
      `round ${r}: bare socket.io receipts: ${bare.receipts} (expected ${bare.expected}), duplicates: ${bare.duplicates}\n`,
    );
    const platform = await runScenario(clients, r);
    bareLateness.push(...bare.lateness);
    platformLateness.push(...platform.lateness);
    process.stdout.write(`round ${r}: platform / bare p99 ${ratio(platform.delivered.p99, bare.delivered.p99)}×\n`);
    const { lateness: _l, ...platformFigures } = platform;
    rounds.push({ bare: bare.delivered, platform: platformFigures });
  }
  const bare = summarise(bareLateness);
  const platform = summarise(platformLateness);
  const p99Ratio = ratio(platform.p99, bare.p99);
  process.stdout.write(`${row(`all rounds: bare socket.io, due → received`, bare)}\n`);
  process.stdout.write(`${row(`all rounds: platform, due → received`, platform)}\n`);
  process.stdout.write(
    `platform / bare socket.io at ${clients} clients, ${ROUNDS} rounds pooled: p50 ${ratio(platform.p50, bare.p50)}×, p99 ${p99Ratio}× (target p99 ≤ 1.1×: ${p99Ratio <= 1.1 ? 'met' : 'NOT met'})\n`,
  );
  process.stdout.write(
    `target p99 ≤ 10 ms end to end: ${platform.p99 <= 10 ? 'met' : 'NOT met'} at ${clients} clients\n`,
  );
  return { clients, rounds, bareSocketIo: bare, delivered: platform, p99VsBareSocketIo: p99Ratio };
}

async function runScenario(
  CLIENTS: number,
  round: number,
): Promise<Record<string, unknown> & { lateness: number[]; delivered: Summary }> {
  const env = testEnv('bench');
  const injectsDir = join(env.dataDir, 'packs');
  mkdirSync(join(injectsDir, 'bench'), { recursive: true });
  writeFileSync(join(injectsDir, 'bench', 'pack.yaml'), stringify(benchPack()));
  const app = await startBackend({ ...env, injectsDir }, { extraEnv: { SOCKETS } });
  try {
    const staff = await Api.login(app.url);
    // one scenario minute per spacing interval
    const ex = await createExercise(staff, 'bench', 60_000 / SPACING_MS);
    const clientsPerTeam = new Map<string, number>();
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const team = ex.teams[i % ex.teams.length];
      if (!team?.joinCode) throw new Error('no join code');
      const p = await Api.join(app.url, team.joinCode, `player ${i + 1}`);
      tokens.push(p.token ?? '');
      clientsPerTeam.set(team.key, (clientsPerTeam.get(team.key) ?? 0) + 1);
    }
    const swarm = await startSwarms(app.url, tokens);
    process.stdout.write(`${CLIENTS} clients connected; running the exercise…\n`);
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    const expectedReceipts = Array.from({ length: INJECTS }, (_, i) =>
      i % 2 === 0 ? CLIENTS : (clientsPerTeam.get(`team-${(i % TEAMS) + 1}`) ?? 0),
    );
    const runMs = (INJECTS + 2) * SPACING_MS + 2000;
    await new Promise((r) => setTimeout(r, runMs));
    const receipts = await swarm.finish();
    const rss = peakRssMb(app.child.pid ?? 0);
    const server = await staff.ok<{
      emitStartLatenessMs: Summary;
      emitDurationMs: Summary;
      emitCompleteLatenessMs: Summary;
    }>('GET', '/health/delivery-metrics');
    const keys = receipts.map((r) => `${r.injectId}/${r.socket}`);
    const duplicates = keys.length - new Set(keys).size;
    const delivered = summarise(receipts.map((r) => r.latenessMs));
    const wanted = expectedReceipts.reduce((a, b) => a + b, 0);
    const timeline = await staff.ok<{ status: string }[]>('GET', `/exercises/${ex.id}/timeline`);
    const r = `round ${round}: platform`;
    process.stdout.write(`${row(`${r}, due → broadcast starts`, server.emitStartLatenessMs)}\n`);
    process.stdout.write(`${row(`${r}, broadcast duration`, server.emitDurationMs)}\n`);
    process.stdout.write(`${row(`${r}, due → last frame sent`, server.emitCompleteLatenessMs)}\n`);
    process.stdout.write(`${row(`${r}, due → received`, delivered)}\n`);
    process.stdout.write(
      `${r} receipts: ${receipts.length} (expected ${wanted}), duplicates: ${duplicates}, injects delivered: ${timeline.filter((t) => t.status === 'delivered').length}/${INJECTS}\n`,
    );
    process.stdout.write(`${r} backend peak RSS: ${rss.toFixed(0)} MB\n`);
    return {
      lateness: receipts.map((r) => r.latenessMs),
      clients: CLIENTS,
      teams: TEAMS,
      injects: INJECTS,
      server,
      delivered,
      receipts: receipts.length,
      expectedReceipts: wanted,
      duplicates,
      backendPeakRssMb: Math.round(rss),
    };
  } finally {
    await app.stop();
  }
}
