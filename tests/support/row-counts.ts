import { createRequire } from 'node:module';
import type { TestEnv } from './app-process.js';

/** Rows per table of a test environment's database, read straight from SQLite or PostgreSQL. */
export interface RowCounter {
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

interface SqliteDb {
  all(sql: string, cb: (err: Error | null, rows: Record<string, unknown>[]) => void): void;
  close(cb: () => void): void;
}

export async function openRowCounter(env: TestEnv): Promise<RowCounter> {
  if (env.databaseUrl.startsWith('sqlite:')) {
    const sqlite3 = require('sqlite3') as {
      Database: new (file: string, mode: number, cb: (e: Error | null) => void) => SqliteDb;
      OPEN_READONLY: number;
    };
    const db = await new Promise<SqliteDb>((res, rej) => {
      const d = new sqlite3.Database(env.databaseUrl.slice('sqlite:'.length), sqlite3.OPEN_READONLY, (e) =>
        e ? rej(e) : res(d),
      );
    });
    const all = (sql: string) =>
      new Promise<Record<string, unknown>[]>((res, rej) => db.all(sql, (e, rows) => (e ? rej(e) : res(rows))));
    const tables = (
      await all(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'`,
      )
    ).map((r) => String(r.name));
    const sql = tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM "${t}"`).join(' UNION ALL ');
    return {
      counts: async () => Object.fromEntries((await all(sql)).map((r) => [String(r.t), Number(r.n)])),
      close: () => new Promise((res) => db.close(() => res())),
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const tables = (
    await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    )
  ).rows.map((r) => r.t);
  const sql = tables.map((t) => `SELECT '${t}' AS t, COUNT(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  return {
    counts: async () =>
      Object.fromEntries((await client.query<{ t: string; n: number }>(sql)).rows.map((r) => [r.t, r.n])),
    close: () => client.end(),
  };
}
