import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * With TEST_DATABASE_URL=postgres://… every test environment gets a fresh PostgreSQL database
 * of its own (created through that URL's server), so migrations run from scratch each time and
 * test files never see each other's rows — as a fresh SQLite file does.
 */

/** Databases made by one `npm test` run share this tag, so the run can drop them at its end. */
export const TEST_RUN_TAG =
  (process.env.TTX_TEST_RUN ?? 'adhoc')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 16) || 'adhoc';

/** Name: ttx_<run>_<base36 creation time>_<random>; the time lets a later run sweep leftovers. */
export function newDatabaseName(): string {
  return `ttx_${TEST_RUN_TAG}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const pgPath = createRequire(import.meta.url).resolve('pg');

// Runs in a child node process so that testEnv() can stay synchronous. Drops leftovers of
// earlier runs (more than 6 h old) on the way.
const CREATE_SCRIPT = `
const { Client } = require(${JSON.stringify(pgPath)});
const [url, name] = process.argv.slice(1);
(async () => {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE DATABASE "' + name + '"');
  const old = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'ttx\\\\_%'");
  for (const { datname } of old.rows) {
    const t = parseInt(datname.split('_')[2] ?? '', 36);
    if (Number.isFinite(t) && Date.now() - t > 6 * 3600e3) await c.query('DROP DATABASE IF EXISTS "' + datname + '" WITH (FORCE)').catch(() => {});
  }
  await c.end();
})().catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

/** Create a fresh database on the server of `adminUrl` and return its URL. */
export function createPostgresDatabase(adminUrl: string): string {
  const name = newDatabaseName();
  const r = spawnSync(process.execPath, ['-e', CREATE_SCRIPT, adminUrl, name], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0)
    throw new Error(`cannot create test database ${name} through ${redact(adminUrl)}: ${r.stderr || r.error?.message}`);
  return withDatabase(adminUrl, name);
}

/** Drop every database of a run (tag), e.g. at the end of `npm test`. */
export async function dropRunDatabases(adminUrl: string, tag = TEST_RUN_TAG): Promise<number> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `ttx\\_${tag}\\_%`,
    ]);
    for (const { datname } of r.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return r.rows.length;
  } finally {
    await c.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
