// What the stall tests share: a drill that delivers an inject every half second of wall time, the
// server's own record of when each broadcast started, and the figures they print.
import sqlite3 from 'sqlite3';
import { TEST_DATABASE_KIND, type TestEnv } from '../support/app-process.js';

/** one inject every half second of wall time for 50 s: a quiet window, then the load, then a tail */
export const DRILL_INJECTS = 100;

/**
 * When the server itself started each broadcast (its own record, SQLite only): the client's receipt
 * time also carries this test process's own delays, busy as it is sending the load.
 */
export function serverBroadcasts(env: TestEnv, exerciseId: string): Promise<{ dueAt: number; startedAt: number }[]> {
  if (TEST_DATABASE_KIND !== 'sqlite') return Promise.resolve([]);
  const db = new sqlite3.Database(env.databaseUrl.replace(/^sqlite:/, ''), sqlite3.OPEN_READONLY);
  return new Promise((resolve, reject) => {
    db.all(
      'SELECT due_at_ms AS dueAt, broadcast_started_at_ms AS startedAt FROM deliveries WHERE exercise_id = ? AND broadcast_started_at_ms IS NOT NULL',
      [exerciseId],
      (e, rows: { dueAt: number; startedAt: number }[]) => {
        db.close();
        if (e) reject(e);
        else resolve(rows.map((r) => ({ dueAt: Number(r.dueAt), startedAt: Number(r.startedAt) })));
      },
    );
  });
}

export function drillPack(): unknown {
  // one inject per exercise minute; at ×120 that is one every half second of wall time
  const injects = Array.from({ length: DRILL_INJECTS }, (_, i) => ({
    id: `alert-${i + 1}`,
    offset: `T+${String(Math.floor((i + 1) / 60)).padStart(2, '0')}:${String((i + 1) % 60).padStart(2, '0')}`,
    to: 'all',
    channel: 'siem',
    from: { name: 'SIEM' },
    subject: `Alert ${i + 1}`,
    body: 'Stall probe.',
  }));
  return {
    id: 'stall',
    title: 'Stall probe',
    summary: 'Generated.',
    version: '1.0.0',
    duration: '02:00',
    teams: [{ id: 'soc', name: 'SOC' }],
    injects,
  };
}

export const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, p50: Math.round(q(0.5)), p95: Math.round(q(0.95)), max: Math.round(s[s.length - 1] ?? NaN) };
};
