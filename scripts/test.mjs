// npm test: install and build when needed, make sure Redis runs, then run every test project on
// SQLite, and the system (integration) tests once more on PostgreSQL when one is reachable.
//   TEST_PG_URL  a PostgreSQL server whose user may create databases
//                (default postgres://postgres@127.0.0.1:5432/test; "off" skips the PostgreSQL run)
//   TEST_PG_REQUIRED=1  fail instead of skipping when no PostgreSQL answers (CI sets it)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_REDIS_URL, ensureAllBuilt, ensureInstalled, ensureRedis, log, ROOT } from './lib.mjs';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
// browser and content tests do not depend on the database: they run once, on SQLite
// (vitest's --exclude does not reach into projects, so the database-bound suites are named instead)
const PG_SUITES = ['engine/', 'hardening/', 'reports/', 'authoring/msel', 'authoring/openaev', 'authoring/packs-api', 'authoring/dry-run', 'authoring/cli'];

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

const vitest = (extra, env) => spawnSync('npx', ['vitest', 'run', ...extra], { cwd: ROOT, stdio: 'inherit', env }).status ?? 1;

log(`run 1/2 — database: SQLite (a fresh file per test environment); Redis at ${redisUrl}`);
const sqliteStatus = vitest(args, baseEnv);

let pgStatus = 0;
let pgResult = 'skipped';
const pgUrl = process.env.TEST_PG_URL ?? DEFAULT_PG_URL;
if (pgUrl === 'off') {
  log('run 2/2 — PostgreSQL run skipped (TEST_PG_URL=off)');
} else {
  const problem = await pgProblem(pgUrl);
  if (problem) {
    log(`run 2/2 — PostgreSQL run skipped: no PostgreSQL reachable at ${redact(pgUrl)} (${problem}). Set TEST_PG_URL to run it.`);
    if (process.env.TEST_PG_REQUIRED === '1') {
      pgStatus = 1;
      pgResult = 'FAILED (TEST_PG_REQUIRED=1 but no PostgreSQL answered)';
    }
  } else {
    log(`run 2/2 — database: PostgreSQL at ${redact(pgUrl)} (a fresh database per test environment); ${args.length ? `vitest ${args.join(' ')}` : 'system tests except browser and content'}`);
    pgStatus = vitest(args.length ? args : ['--project', 'system', ...PG_SUITES], { ...baseEnv, TEST_DATABASE_URL: pgUrl });
    pgResult = pgStatus === 0 ? 'passed' : 'FAILED';
    await dropRunDatabases(pgUrl, runTag).catch((e) => log(`could not drop this run's test databases: ${e.message}`));
  }
}

redis.child?.kill('SIGTERM');
log(`SQLite run: ${sqliteStatus === 0 ? 'passed' : 'FAILED'}; PostgreSQL run: ${pgResult}`);
process.exit(sqliteStatus || pgStatus);

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
