import type { EntityManager } from 'typeorm';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { conflict, notFound } from './domain-error.js';

/**
 * Inside a player's write transaction: refuse it (409, nothing written) once the exercise has
 * ended. Read in the same transaction as the write, so it cannot race `end`: SQLite runs one
 * transaction at a time, and on PostgreSQL the exercise row is read FOR SHARE, which makes an
 * `end` committing at the same moment wait for this write (or this write see the end).
 */
export async function assertExerciseOpen(
  m: EntityManager,
  exerciseId: string,
  closed: string,
): Promise<Pick<ExerciseEntity, 'id' | 'status'>> {
  // only the status: the whole row would parse the exercise's pack snapshot on every player write
  const query = m
    .getRepository(ExerciseEntity)
    .createQueryBuilder('e')
    .select(['e.id', 'e.status'])
    .where('e.id = :id', { id: exerciseId });
  const ex = await (m.connection.options.type === 'postgres' ? query.setLock('pessimistic_read') : query).getOne();
  if (!ex) throw notFound('exercise', exerciseId);
  if (ex.status === 'ended') throw conflict('exercise.ended', `The exercise has ended; ${closed} are closed`);
  return ex;
}
