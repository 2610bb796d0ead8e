import { createRequire } from 'node:module';
import type sqlite3Module from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { Api, createExercise } from '../support/api-client.js';
import { startBackend, type TestEnv, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';

interface Timeline {
  timeline: { eventId: number; type: string }[];
}

/** Writes a log entry whose payload is not JSON, as a damaged row or a hand edit would leave it; returns its id. */
async function insertDamagedEvent(env: TestEnv, exerciseId: string): Promise<number> {
  const values = [exerciseId, 'journal.note', Date.now(), 0, 'system', '{"text": "cut off'];
  if (env.databaseUrl.startsWith('sqlite:')) {
    const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof sqlite3Module;
    const db = new sqlite3.Database(env.databaseUrl.slice('sqlite:'.length));
    try {
      return await new Promise<number>((res, rej) =>
        db.run(
          'INSERT INTO exercise_events (exercise_id, type, at_ms, scenario_ms, actor, payload) VALUES (?, ?, ?, ?, ?, ?)',
          values,
          function (this: { lastID: number }, e: Error | null) {
            if (e) rej(e);
            else res(this.lastID);
          },
        ),
      );
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ id: number }>(
      'INSERT INTO exercise_events (exercise_id, type, at_ms, scenario_ms, actor, payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      values,
    );
    return Number(r.rows[0]?.id);
  } finally {
    await client.end();
  }
}

/**
 * The report reads the whole log as one JSON aggregate built by the database. A payload that is not
 * JSON makes the database refuse that aggregate; the report must then read the log row by row and
 * still account for every entry, the damaged one included.
 */
describe('the report over a damaged log entry', () => {
  it('falls back to reading the log row by row and keeps every entry', async () => {
    const env = testEnv('report-fallback');
    const app = await startBackend(env);
    try {
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'demo', 600);
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        async () =>
          (await staff.ok<{ status: string }[]>('GET', `/exercises/${ex.id}/timeline`)).filter(
            (i) => i.status === 'delivered',
          ).length >= 3,
        15_000,
        'three deliveries',
      );
      await staff.ok('POST', `/exercises/${ex.id}/end`, {});
      const before = await staff.ok<Timeline>('GET', `/exercises/${ex.id}/report`);
      expect(app.output()).not.toContain('row by row');

      const damaged = await insertDamagedEvent(env, ex.id);
      const after = await staff.request<Timeline>('GET', `/exercises/${ex.id}/report`, undefined, {
        'cache-control': 'no-cache',
      });
      expect(after.status).toBe(200);
      // the backend says so in its log (written asynchronously: it may reach us just after the reply)
      await until(
        () => app.output().includes('reading the event log row by row'),
        5000,
        'the row-by-row warning in the log',
      );
      // on SQLite the report reads through its own read-only connection, beside the writer
      expect(app.output()).not.toContain('no separate read connection');
      // every entry read before is still there, in order, and the damaged one follows them
      const ids = after.body.timeline.map((e) => e.eventId);
      expect(ids.slice(0, before.timeline.length)).toEqual(before.timeline.map((e) => e.eventId));
      expect(after.body.timeline.find((e) => e.eventId === damaged)).toMatchObject({ type: 'journal.note' });
    } finally {
      await app.stop();
    }
  });
});
