import type { EntityManager } from 'typeorm';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { conflict, notFound } from './domain-error.js';

/**
 * The class of PostgreSQL's two-key advisory locks that order players' writes against `end`
 * (the one-key space, which scoring uses, is a different key space).
 */
const EXERCISE_WRITES_LOCK = 7_301;

/**
 * Inside a player's write transaction: refuse it (409, nothing written) once the exercise has
 * ended. Read in the same transaction as the write, so it cannot race `end`: SQLite runs one
 * transaction at a time; on PostgreSQL the write holds the exercise's advisory lock in shared mode
 * (`end` takes it exclusively, see lockExerciseWrites) and reads the status after it has it, so an
 * `end` committing at the same moment either waits for this write or is seen by it.
 *
 * Not a row lock on the exercise: FOR SHARE would conflict with every write of the exercise row
 * (the reveal of each inject, pause, speed), and PostgreSQL lets a new FOR SHARE join the current
 * ones without queueing behind a waiting writer. At 200 responses a second the share locks
 * overlapped without a gap, and each reveal waited seconds for the row (injects went out up to
 * 4.4 s late). Advisory locks queue fairly: a waiting `end` holds back new writes, and reveals
 * never meet them at all.
 */
export async function assertExerciseOpen(
  m: EntityManager,
  exerciseId: string,
  closed: string,
): Promise<Pick<ExerciseEntity, 'id' | 'status'>> {
  if (m.connection.options.type === 'postgres')
    await m.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [EXERCISE_WRITES_LOCK, exerciseId]);
  // only the status: the whole row would parse the exercise's pack snapshot on every player write
  const ex = await m
    .getRepository(ExerciseEntity)
    .createQueryBuilder('e')
    .select(['e.id', 'e.status'])
    .where('e.id = :id', { id: exerciseId })
    .getOne();
  if (!ex) throw notFound('exercise', exerciseId);
  if (ex.status === 'ended') throw conflict('exercise.ended', `The exercise has ended; ${closed} are closed`);
  return ex;
}

/**
 * PostgreSQL: in the transaction that ends an exercise, before it writes the status, wait for the
 * players' writes in flight (assertExerciseOpen) and hold back new ones until it commits; they then
 * see the exercise ended. Nothing to do on SQLite (one write transaction at a time).
 */
export async function lockExerciseWrites(m: EntityManager, exerciseId: string): Promise<void> {
  if (m.connection.options.type === 'postgres')
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EXERCISE_WRITES_LOCK, exerciseId]);
}
