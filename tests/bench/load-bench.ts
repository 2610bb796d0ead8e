// Load: 1,000 socket.io clients in 50 teams receiving injects on the exercise clock while players
// post ~200 responses a second through POST /api/play/responses, for BENCH_LOAD_SECONDS (default
// 300). Prints delivery lateness (due → receipt by every client), the response API's latency
// (from the instant each request was due to be sent, so a stalled server cannot hide its queue)
// and the backend's memory after warm-up.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Api, createExercise } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { StaffConsole } from './staff-console.js';
import { fmt, row, summarise } from './stats.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const TEAMS = Number(process.env.BENCH_TEAMS ?? 50);
const RATE = Number(process.env.BENCH_RESPONSES_PER_S ?? 200);
/** players who post responses (their own participant seats, not the socket clients') */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 100);
/**
 * staff consoles watching the drill (control room, evaluator, control room, …), reading as the real
 * ones do; none by default (the target load is the players'), BENCH_STAFF_CONSOLES=2 adds a control
 * room and an evaluator
 */
const STAFF = Number(process.env.BENCH_STAFF_CONSOLES ?? 0);
/**
 * API processes sharing the drill (PostgreSQL only: SQLite has one writer process), each with half
 * the sockets and half the writers, and a separate delivery worker beside them when more than one;
 * BENCH_API_PROCESSES=2 is the two-core deployment of DEPLOYMENT.md
 */
const API_PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);
/**
 * BENCH_SOCKETS=process runs each API process with `SOCKETS=process`: a socket process of its own
 * holds the clients' sockets, so the fan-out runs beside the HTTP requests, on the other core
 */
const SOCKETS = process.env.BENCH_SOCKETS ?? 'inline';
if (SOCKETS !== 'inline' && SOCKETS !== 'process') throw new Error('BENCH_SOCKETS must be inline or process');
/** one inject every INJECT_EVERY_S seconds of wall time; at ×60, one scenario minute is one second */
const INJECT_EVERY_S = 2;
const SPEED = 60;
const WARMUP_FRACTION = 0.2;
const SWARMS = 2;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function loadPack(injects: number): unknown {
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: `team-${i + 1}`, name: `Team ${i + 1}` }));
  return {
    id: 'load',
    title: 'Load benchmark',
    summary: 'Generated.',
    version: '1.0.0',
    duration: hhmm(injects * INJECT_EVERY_S + 60),
    teams,
    injects: Array.from({ length: injects }, (_, i) => ({
      id: `inject-${i}`,
      // inject-0 at T+0 to everyone, so responses can start at once; then every other one to all teams
      offset: `T+${hhmm(i * INJECT_EVERY_S)}`,
      to: i % 2 === 0 ? 'all' : [`team-${(i % TEAMS) + 1}`],
      channel: 'siem',
      from: { name: 'SIEM' },
      subject: `Alert ${i}`,
      body: 'Load benchmark inject.',
    })),
  };
}

/** user + system CPU time of a process, in ms (clock ticks of 10 ms) */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** the socket process of an API process run with SOCKETS=process (its child running sockets.js), waiting up to 30 s */
async function childPids(pid: number): Promise<number[]> {
  const file = `/proc/${pid}/task/${pid}/children`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    const pids = readFileSync(file, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('sockets.js'));
    if (pids.length > 0) return pids;
  }
  throw new Error(`process ${pid} started no socket process`);
}

/** the whole machine's CPU time, busy and total, in clock ticks (every core, every process) */
function machineTicks(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  // idle and iowait are not busy
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

const median = (xs: number[]) => summarise(xs).p50;

type Receipt = { injectId: string; socket: number; latenessMs: number };

export async function runLoadBench(): Promise<Record<string, unknown>> {
  const injects = Math.ceil(SECONDS / INJECT_EVERY_S) + 1;
  process.stdout.write(
    `\n== load benchmark: ${CLIENTS} socket.io clients in ${TEAMS} teams, ${RATE} responses/s for ${SECONDS} s, one inject every ${INJECT_EVERY_S} s ==\n`,
  );
  const env = testEnv('load-bench');
  if (API_PROCESSES > 1 && env.databaseUrl.startsWith('sqlite:'))
    throw new Error('BENCH_API_PROCESSES > 1 needs PostgreSQL (TEST_DATABASE_URL): SQLite has one writer process');
  const injectsDir = join(env.dataDir, 'packs');
  mkdirSync(join(injectsDir, 'load'), { recursive: true });
  writeFileSync(join(injectsDir, 'load', 'pack.yaml'), stringify(loadPack(injects)));
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the backend there (open it in Chrome DevTools)
  const profDir = process.env.BENCH_CPU_PROF;
  const profArgs = profDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] } : {};
  const apps = [];
  for (let k = 0; k < API_PROCESSES; k++)
    apps.push(
      await startBackend(
        { ...env, injectsDir },
        { ...profArgs, worker: API_PROCESSES > 1 ? 'off' : 'inline', extraEnv: { SOCKETS } },
      ),
    );
  // with several API processes, the delivery worker is a process of its own (as deployed)
  if (API_PROCESSES > 1) apps.push(await startBackend({ ...env, injectsDir }, { ...profArgs, entry: 'worker' }));
  const app = apps[0];
  const apis = apps.slice(0, API_PROCESSES);
  const socketPids =
    SOCKETS === 'process' ? (await Promise.all(apis.map((a) => childPids(a.child.pid ?? 0)))).flat() : [];
  const pids = [...apps.map((a) => a.child.pid ?? 0), ...socketPids];
  const cpuAll = () => pids.reduce((t, p) => t + cpuMs(p), 0);
  const rssAll = () => pids.reduce((t, p) => t + rssMb(p), 0);
  const swarms: ReturnType<typeof fork>[] = [];
  try {
    process.stdout.write(
      `database: ${env.databaseUrl.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}; ${API_PROCESSES} API process(es)${API_PROCESSES > 1 ? ' and a delivery worker' : ' (delivery worker inline)'}; sockets ${SOCKETS === 'process' ? `in ${socketPids.length} socket process(es) of their own` : 'in the API process'}\n`,
    );
    const staff = await Api.login(app.url);
    const ex = await createExercise(staff, 'load', SPEED);
    const joinSeat = async (i: number, url: string) => {
      const team = ex.teams[i % ex.teams.length];
      if (!team?.joinCode) throw new Error('no join code');
      return Api.join(url, team.joinCode, `player ${i + 1}`);
    };
    const listeners: string[] = [];
    for (let i = 0; i < CLIENTS; i++) listeners.push((await joinSeat(i, app.url)).token ?? '');
    // each writer posts to one API process, in turn
    const writers: Api[] = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await joinSeat(i, apis[i % apis.length].url));

    const per = Math.ceil(CLIENTS / SWARMS);
    for (let k = 0; k < SWARMS; k++)
      swarms.push(fork(join(import.meta.dirname, 'client-swarm.ts'), { execArgv: ['--import', 'tsx'] }));
    await Promise.all(
      swarms.map(
        (s, k) =>
          new Promise<void>((res) => {
            s.once('message', () => res());
            // each swarm's sockets on one API process, in turn
            const url = apis[k % apis.length].url;
            s.send({ type: 'start', start: { url, tokens: listeners.slice(k * per, (k + 1) * per) } });
          }),
      ),
    );
    const staffConsoles = Array.from(
      { length: STAFF },
      (_, k) => new StaffConsole(app.url, staff.token ?? '', ex.id, k % 2 === 0 ? 'control' : 'evaluator'),
    );
    await Promise.all(staffConsoles.map((c) => c.start()));
    process.stdout.write(
      `${CLIENTS} clients connected, ${WRITERS} writers joined, ${STAFF} staff consoles watching; running…\n`,
    );

    await staff.ok('POST', `/exercises/${ex.id}/start`);
    // the machine's load average (1 min) when the measured run starts and ends: on a shared machine
    // the figures below mean little without it
    const loadAtStart = loadavg()[0] ?? NaN;
    const t0 = now();
    const endAt = t0 + SECONDS * 1000;
    const warmupEnd = t0 + SECONDS * 1000 * WARMUP_FRACTION;
    // which injects each writer's team has (so a response is about something it received)
    const allTeamInjects = (elapsedMs: number) => Math.max(0, Math.floor(elapsedMs / 1000 / INJECT_EVERY_S));

    const rss: { at: number; mb: number }[] = [];
    const sampler = setInterval(() => rss.push({ at: now(), mb: rssAll() }), 1000);
    let cpuAtWarmup: {
      at: number;
      ms: number;
      sent: number;
      machine: { busy: number; total: number };
      byPid: number[];
    } | null = null;
    const cpuTimer = setTimeout(() => {
      cpuAtWarmup = { at: now(), ms: cpuAll(), sent, machine: machineTicks(), byPid: pids.map(cpuMs) };
      // a backend too busy to accept the call in time (a loaded machine) keeps the warm-up's loop delays
      for (const a of apis)
        void new Api(a.url, staff.token)
          .ok('POST', '/health/delivery-metrics/reset')
          .catch((e: unknown) => process.stdout.write(`event-loop delay not reset after warm-up: ${String(e)}\n`));
    }, warmupEnd - now());

    const latencies: number[] = [];
    const serviceTimes: number[] = [];
    const statuses = new Map<number | string, number>();
    const inflight = new Set<Promise<void>>();
    let sent = 0;
    const interval = 1000 / RATE;
    let next = now() + 200;
    while (next < endAt) {
      const wait = next - now();
      if (wait > 1) await sleep(wait - 1);
      const due = next;
      next += interval;
      const writer = writers[sent % writers.length];
      if (!writer) continue;
      // an all-teams inject due at least 3 s ago (inject-0, at T+0, from the start)
      const latest = allTeamInjects(due - t0 - 3000);
      const injectId = `inject-${2 * Math.floor(Math.random() * (Math.floor(latest / 2) + 1))}`;
      sent++;
      const p = (async () => {
        const start = now();
        try {
          const r = await fetch(`${writer.baseUrl}/api/play/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.token}` },
            body: JSON.stringify({
              injectId,
              text: `Load response ${sent}: contained, evidence preserved, escalated to the CERT.`,
            }),
          });
          await r.arrayBuffer();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        } catch (e) {
          statuses.set(String(e), (statuses.get(String(e)) ?? 0) + 1);
        }
        const end = now();
        if (due >= warmupEnd) {
          latencies.push(end - due);
          serviceTimes.push(end - start);
        }
      })();
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Promise.all(inflight);
    clearInterval(sampler);
    clearTimeout(cpuTimer);
    const cpuEnd = { at: now(), ms: cpuAll(), sent, machine: machineTicks(), byPid: pids.map(cpuMs) };
    const loadAtEnd = loadavg()[0] ?? NaN;
    for (const c of staffConsoles) c.close();
    await sleep(1500);

    const receipts = (
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
    type Stat = { n: number; p50: number | null; p99: number | null; max: number | null };
    type Metrics = {
      emitStartLatenessMs: Stat;
      emitDurationMs: Stat;
      prepareMs?: Stat;
      revealMs?: Stat;
      eventLoopDelayMs: { p50: number; p99: number; p999: number; max: number } | null;
    };
    const perProcess = await Promise.all(
      apis.map((a) => new Api(a.url, staff.token).ok<Metrics>('GET', '/health/delivery-metrics')),
    );
    const server = perProcess[0];

    const keys = receipts.map((r) => `${r.injectId}/${r.socket}`);
    const duplicates = keys.length - new Set(keys).size;
    const delivered = summarise(receipts.map((r) => r.latenessMs));
    const response = summarise(latencies);
    const service = summarise(serviceTimes);
    const afterWarmup = rss.filter((s) => s.at >= warmupEnd).map((s) => s.mb);
    const rssAtWarmup = median(afterWarmup.slice(0, 5));
    const rssAtEnd = median(afterWarmup.slice(-5));
    const rssMax = Math.max(...afterWarmup);
    const growthPct = ((rssAtEnd - rssAtWarmup) / rssAtWarmup) * 100;
    const achievedRate = sent / SECONDS;
    const cpu = cpuAtWarmup as {
      at: number;
      ms: number;
      sent: number;
      machine: { busy: number; total: number };
      byPid: number[];
    } | null;
    // how busy the whole machine was meanwhile (this benchmark's clients and anything else running)
    const machineBusy = cpu
      ? (cpuEnd.machine.busy - cpu.machine.busy) / (cpuEnd.machine.total - cpu.machine.total)
      : NaN;
    const cpuShare = cpu ? (cpuEnd.ms - cpu.ms) / (cpuEnd.at - cpu.at) : NaN;
    const cpuPerResponse = cpu ? (cpuEnd.ms - cpu.ms) / (cpuEnd.sent - cpu.sent) : NaN;

    process.stdout.write(`${row('delivery: due → received by each client', delivered)}\n`);
    process.stdout.write(`${row('POST /api/play/responses, from due send time', response)}\n`);
    process.stdout.write(`${row('POST /api/play/responses, service time', service)}\n`);
    const staffReads = summarise(staffConsoles.flatMap((c) => c.latencies));
    const staffStatuses = new Map<number | string, number>();
    for (const c of staffConsoles)
      for (const [k, n] of c.statuses) staffStatuses.set(k, (staffStatuses.get(k) ?? 0) + n);
    if (STAFF > 0)
      process.stdout.write(
        `${row(`staff consoles (${STAFF}): API reads on events`, staffReads)}; statuses: ${[...staffStatuses.entries()].map(([k, n]) => `${k}×${n}`).join(' ')}\n`,
      );
    const byPath = new Map<string, number[]>();
    for (const c of staffConsoles) for (const [k, v] of c.byPath) byPath.set(k, [...(byPath.get(k) ?? []), ...v]);
    for (const [k, v] of byPath) process.stdout.write(`${row(`  GET …${k}`, summarise(v))}\n`);
    process.stdout.write(
      `responses sent: ${sent} (${achievedRate.toFixed(0)}/s); statuses: ${[...statuses.entries()].map(([s, n]) => `${s}×${n}`).join(' ')}\n`,
    );
    process.stdout.write(`receipts: ${receipts.length}, duplicates: ${duplicates}\n`);
    process.stdout.write(
      `backend RSS after warm-up (${(SECONDS * WARMUP_FRACTION).toFixed(0)} s): ${fmt(rssAtWarmup)} MB → end ${fmt(rssAtEnd)} MB (max ${fmt(rssMax)} MB): growth ${growthPct.toFixed(1)}%\n`,
    );
    perProcess.forEach((m, k) => {
      const loop = m.eventLoopDelayMs;
      if (loop)
        process.stdout.write(
          `backend${apis.length > 1 ? ` API process ${k + 1}` : ''} event-loop delay after warm-up: p50 ${fmt(loop.p50)} ms, p99 ${fmt(loop.p99)} ms, p99.9 ${fmt(loop.p999)} ms, max ${fmt(loop.max)} ms\n`,
        );
    });
    perProcess.forEach((m, k) => {
      const st = (s: Stat | undefined) =>
        s ? `p50 ${fmt(s.p50 ?? NaN)} / p99 ${fmt(s.p99 ?? NaN)} / max ${fmt(s.max ?? NaN)} ms` : '—';
      if (m.emitStartLatenessMs.n > 0)
        process.stdout.write(
          `backend${apis.length > 1 ? ` API process ${k + 1}` : ''} deliveries (${m.emitStartLatenessMs.n}): broadcast start after due ${st(m.emitStartLatenessMs)}; prepare ${st(m.prepareMs)}; reveal ${st(m.revealMs)}\n`,
        );
    });
    process.stdout.write(
      `backend CPU after warm-up${apps.length > 1 ? ` (${apps.length} processes together)` : ''}: ${(cpuShare * 100).toFixed(0)}% of one core, ${fmt(cpuPerResponse)} ms per response sent (everything included: deliveries, sockets, flushes); machine ${(machineBusy * 100).toFixed(0)}% busy (all cores, every process); load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end\n`,
    );
    if (cpu && socketPids.length > 0) {
      const names = [...apps.map((a, k) => (k < apis.length ? `API process ${k + 1}` : 'worker')), 'socket process'];
      const shares = pids.map(
        (_, k) =>
          `${names[Math.min(k, names.length - 1)]} ${(((cpuEnd.byPid[k] - cpu.byPid[k]) / (cpuEnd.at - cpu.at)) * 100).toFixed(0)}%`,
      );
      process.stdout.write(`  of which (share of one core): ${shares.join(', ')}\n`);
    }
    process.stdout.write(
      `targets: delivery p99 ≤ 10 ms ${delivered.p99 <= 10 ? 'met' : 'NOT met'}; response p99 ≤ 50 ms ${response.p99 <= 50 ? 'met' : 'NOT met'}; memory growth < 10% ${growthPct < 10 ? 'met' : 'NOT met'}\n`,
    );
    return {
      seconds: SECONDS,
      clients: CLIENTS,
      teams: TEAMS,
      responsesPerSecondTarget: RATE,
      responsesPerSecondAchieved: Math.round(achievedRate),
      database: env.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres',
      apiProcesses: API_PROCESSES,
      delivered,
      receipts: receipts.length,
      duplicates,
      server: apis.length > 1 ? perProcess : server,
      responseLatencyMs: response,
      responseServiceMs: service,
      staffConsoles: STAFF,
      staffReadsMs: staffReads,
      staffReadStatuses: Object.fromEntries(staffStatuses),
      statuses: Object.fromEntries(statuses),
      backendCpu: {
        shareOfOneCore: Number(cpuShare.toFixed(2)),
        msPerResponse: Number(cpuPerResponse.toFixed(2)),
        machineBusyShare: Number(machineBusy.toFixed(2)),
      },
      loadAverage: { atStart: Number(loadAtStart.toFixed(1)), atEnd: Number(loadAtEnd.toFixed(1)) },
      rssMb: {
        atWarmup: Math.round(rssAtWarmup),
        atEnd: Math.round(rssAtEnd),
        max: Math.round(rssMax),
        growthPct: Number(growthPct.toFixed(1)),
      },
    };
  } finally {
    for (const s of swarms) if (s.connected) s.kill();
    for (const a of apps) {
      await a.stop();
      if (process.env.BENCH_SHOW_OUTPUT) process.stdout.write(a.output());
    }
  }
}
