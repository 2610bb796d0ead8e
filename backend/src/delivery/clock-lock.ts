import type { EntityManager } from 'typeorm';

/**
 * The class of PostgreSQL's two-key advisory locks that order an exercise's deliveries (prepare,
 * reveal) against its clock changes (start, pause, resume, speed, end, re-anchoring, reconcile).
 * Its own class: players' writes take `EXERCISE_WRITES_LOCK` (common/exercise-open.ts), scoring
 * the one-key space.
 */
const EXERCISE_CLOCK_LOCK = 7_302;

function isPostgres(m: EntityManager): boolean {
  return m.connection.options.type === 'postgres';
}

/**
 * PostgreSQL, first statement of a prepare or a reveal: hold the exercise's clock lock in shared
 * mode until the transaction ends, and read the clock generation only after it (a later statement,
 * so its snapshot sees every clock change committed before the lock was granted). Deliveries never
 * wait for each other; a clock change in flight (exclusive) holds them until it commits, and then
 * they find the new generation and claim or reveal nothing. Nothing to do on SQLite: one write
 * transaction at a time, and each delivery write takes the database's write lock first.
 *
 * This replaces a row lock on the exercise (the prepare read it FOR SHARE, the reveal updated it):
 * the next inject's prepare and the current inject's reveal then blocked each other, and every
 * reveal wrote a new version of the exercise row.
 */
export async function shareExerciseClock(m: EntityManager, exerciseId: string): Promise<void> {
  if (isPostgres(m))
    await m.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [EXERCISE_CLOCK_LOCK, exerciseId]);
}

/**
 * PostgreSQL, first statement of a transaction that bumps the clock generation: wait for the
 * prepares and reveals in flight (they commit on the old generation, and the change then sees
 * what they wrote: it withdraws the prepared ones, and a revealed one moves the change to the
 * inject's instant) and hold back new ones until it commits. Advisory lock requests queue in
 * order, so a waiting clock change is not starved by a stream of deliveries.
 */
export async function lockExerciseClock(m: EntityManager, exerciseId: string): Promise<void> {
  if (isPostgres(m)) await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EXERCISE_CLOCK_LOCK, exerciseId]);
}
