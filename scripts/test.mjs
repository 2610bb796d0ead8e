// npm test: install and build when needed, make sure Redis runs, then run every test project on
// SQLite, and the system (integration) tests once more on PostgreSQL when one is reachable.
//   TEST_PG_URL  a PostgreSQL server whose user may create databases
//                (default postgres://postgres@127.0.0.1:5432/test; "off" skips the PostgreSQL run)
//   TEST_PG_REQUIRED=1  fail instead of skipping when no PostgreSQL answers (CI sets it)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_REDIS_URL, ensureAllBuilt, ensureInstalled, ensureRedis, log, ROOT } from './lib.mjs';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
// browser and content tests do not depend on the database: they run once, on SQLite
// (vitest's --exclude does not reach into projects, so the database-bound suites are named instead)
const PG_AREAS = [
  'engine/',
  'hardening/',
  'reports/',
  'authoring/msel',
  'authoring/openaev',
  'authoring/packs-api',
  'authoring/dry-run',
  'authoring/cli',
];
// in those areas, what runs once on SQLite only: browser pages (the API answers they read are tested on
// both databases) and the event-loop stall measurements (CPU-bound pack and spreadsheet reading)
const SQLITE_ONLY = /\.browser\.test\.ts$|-stall\.test\.ts$/;
const PG_SUITES = PG_AREAS.flatMap((area) => {
  const dir = area.endsWith('/') ? area.slice(0, -1) : dirname(area);
  return readdirSync(join(ROOT, 'tests', dir))
    .map((f) => `${dir}/${f}`)
    .filter((f) => f.endsWith('.test.ts') && f.startsWith(area) && !SQLITE_ONLY.test(f));
});

ensureInstalled();
ensureAllBuilt();
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
// tests keep nothing in Redis between runs, so a private instance needs no persistence
const redis = await ensureRedis(redisUrl, { persist: false });
const args = process.argv.slice(2);
// every test database of this run carries the tag, so the run drops them all at its end
const runTag = `r${randomBytes(3).toString('hex')}`;
const baseEnv = { ...process.env, REDIS_URL: redisUrl, TTX_TEST_RUN: runTag };
delete baseEnv.TEST_DATABASE_URL;

const failures = [];
// each run also writes a JSON report, so the run ends with a short list of what failed and why
// (a CI log is often read from its tail)
const vitest = (extra, env, label) => {
  const report = join(tmpdir(), `ttx-vitest-${runTag}-${label}.json`);
  const status =
    spawnSync(
      'npx',
      ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
      { cwd: ROOT, stdio: 'inherit', env },
    ).status ?? 1;
  failures.push(...failedTests(report, label));
  slowestFiles(report, label);
  return status;
};

log(`run 1/2 — database: SQLite (a fresh file per test environment); Redis at ${redisUrl}`);
const sqliteStatus = vitest(args, baseEnv, 'sqlite');

let pgStatus = 0;
let pgResult = 'skipped';
const pgUrl = process.env.TEST_PG_URL ?? DEFAULT_PG_URL;
if (pgUrl === 'off') {
  log('run 2/2 — PostgreSQL run skipped (TEST_PG_URL=off)');
} else {
  const problem = await pgProblem(pgUrl);
  if (problem) {
    log(
      `run 2/2 — PostgreSQL run skipped: no PostgreSQL reachable at ${redact(pgUrl)} (${problem}). Set TEST_PG_URL to run it.`,
    );
    if (process.env.TEST_PG_REQUIRED === '1') {
      pgStatus = 1;
      pgResult = 'FAILED (TEST_PG_REQUIRED=1 but no PostgreSQL answered)';
    }
  } else {
    log(
      `run 2/2 — database: PostgreSQL at ${redact(pgUrl)} (a fresh database per test environment); ${args.length ? `vitest ${args.join(' ')}` : 'the database-bound system tests (no browser pages, no stall measurements)'}`,
    );
    pgStatus = vitest(
      args.length ? args : ['--project', 'system', ...PG_SUITES],
      { ...baseEnv, TEST_DATABASE_URL: pgUrl },
      'postgres',
    );
    pgResult = pgStatus === 0 ? 'passed' : 'FAILED';
    await dropRunDatabases(pgUrl, runTag).catch((e) => log(`could not drop this run's test databases: ${e.message}`));
  }
}

redis.child?.kill('SIGTERM');
if (failures.length) {
  log(`${failures.length} failed:`);
  for (const f of failures) console.log(`  [${f.label}] ${f.file} > ${f.name}\n      ${f.message}`);
}
log(`SQLite run: ${sqliteStatus === 0 ? 'passed' : 'FAILED'}; PostgreSQL run: ${pgResult}`);
process.exit(sqliteStatus || pgStatus);

/** The ten test files that took longest in one run (where the suite's time goes, for the next cut). */
function slowestFiles(reportPath, label) {
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const files = (report.testResults ?? [])
      .map((f) => ({ file: relative(join(ROOT, 'tests'), f.name), s: (f.endTime - f.startTime) / 1000 }))
      .filter((f) => Number.isFinite(f.s))
      .sort((a, b) => b.s - a.s);
    const total = files.reduce((t, f) => t + f.s, 0);
    log(`[${label}] ${files.length} files, ${total.toFixed(0)} s of file time; the slowest:`);
    for (const f of files.slice(0, 10)) console.log(`  ${f.s.toFixed(1).padStart(7)} s  ${f.file}`);
  } catch {
    // no report: failedTests says so
  }
}

/** The failed tests (or files that failed to load) of one run's JSON report. */
function failedTests(reportPath, label) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return [{ label, file: '(no report)', name: 'vitest wrote no JSON report', message: reportPath }];
  }
  const out = [];
  const firstLine = (m) =>
    String(m ?? '')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  for (const file of report.testResults ?? []) {
    const rel = relative(join(ROOT, 'tests'), file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed)
      out.push({
        label,
        file: rel,
        name: t.fullName ?? t.title,
        message: firstLine(t.failureMessages?.[0]).slice(0, 300),
      });
    if (!failed.length && file.status === 'failed')
      out.push({ label, file: rel, name: '(file)', message: firstLine(file.message).slice(0, 300) });
  }
  return out;
}

function loadPg() {
  return createRequire(join(ROOT, 'tests', 'package.json'))('pg');
}

/** null when a PostgreSQL answers at `url` and lets its user create databases, otherwise why not. */
async function pgProblem(url) {
  const { Client } = loadPg();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const r = await client.query('SELECT rolcreatedb OR rolsuper AS can FROM pg_roles WHERE rolname = current_user');
    return r.rows[0]?.can ? null : 'its user may not create databases';
  } catch (e) {
    return e.code ?? e.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropRunDatabases(url, tag) {
  const { Client } = loadPg();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`ttx\\_${tag}\\_%`]);
    for (const { datname } of r.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
