import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, type Repository } from 'typeorm';
import { ExerciseEventEntity, type ExerciseEventType } from './exercise-event.entity.js';

export interface NewExerciseEvent {
  exerciseId: string;
  type: ExerciseEventType;
  scenarioMs: number | null;
  actor: string;
  payload?: Record<string, unknown>;
  atMs?: number;
}

/** The append-only exercise event log. Writes join the caller's transaction. */
@Injectable()
export class ExerciseEvents {
  constructor(@InjectRepository(ExerciseEventEntity) private readonly events: Repository<ExerciseEventEntity>) {}

  async append(manager: EntityManager, e: NewExerciseEvent): Promise<void> {
    await manager.getRepository(ExerciseEventEntity).insert(this.row(e));
  }

  /** The row `append` writes, for a caller that batches its inserts (`Transactions.insert`). */
  row(e: NewExerciseEvent) {
    const payload = e.payload ?? {};
    return {
      exerciseId: e.exerciseId,
      type: e.type,
      atMs: e.atMs ?? Date.now(),
      scenarioMs: e.scenarioMs === null ? null : Math.round(e.scenarioMs),
      actor: e.actor,
      // the JSON transformer stores it as text; TypeORM's deep-partial type cannot express `unknown` values
      payload: payload as never,
      injectId: typeof payload.injectId === 'string' ? payload.injectId : null,
      teamId: typeof payload.teamId === 'string' ? payload.teamId : null,
    };
  }

  /** Events of some types, in log order, read inside the caller's transaction. */
  ofType(manager: EntityManager, exerciseId: string, ...types: ExerciseEventType[]): Promise<ExerciseEventEntity[]> {
    return manager
      .getRepository(ExerciseEventEntity)
      .createQueryBuilder('e')
      .where('e.exercise_id = :exerciseId AND e.type IN (:...types)', { exerciseId, types })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  list(exerciseId: string, afterId = 0, limit = 1000): Promise<ExerciseEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .where('e.exercise_id = :exerciseId AND e.id > :afterId', { exerciseId, afterId })
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Events of some types about each of these injects (payload.injectId) and one of its teams, or
   * about no single team (payload.teamId absent, e.g. a delivery to several teams); in log order.
   * Read through the indexed columns in one query per few dozen injects, inside the caller's transaction.
   */
  async aboutInjects(
    manager: EntityManager,
    exerciseId: string,
    wanted: ReadonlyMap<string, readonly string[]>,
    types: readonly ExerciseEventType[],
  ): Promise<ExerciseEventEntity[]> {
    const entries = [...wanted].filter(([, teamIds]) => teamIds.length > 0);
    const out: ExerciseEventEntity[] = [];
    // a few dozen injects per query keeps the bound parameters far under SQLite's limit
    for (let k = 0; k < entries.length; k += 40) {
      const part = entries.slice(k, k + 40);
      const rows = await manager
        .getRepository(ExerciseEventEntity)
        .createQueryBuilder('e')
        .where('e.type IN (:...types)', { types })
        .andWhere(
          new Brackets((qb) => {
            // flat alternatives, each naming exercise, inject and team(s): SQLite reads each one as a
            // range of the inject index (nested ORs made it scan the exercise's whole log)
            part.forEach(([injectId, teamIds], i) => {
              const params = { exerciseId, [`inject${i}`]: injectId, [`teams${i}`]: teamIds };
              qb.orWhere(`(e.exercise_id = :exerciseId AND e.inject_id = :inject${i} AND e.team_id IS NULL)`, params);
              qb.orWhere(
                `(e.exercise_id = :exerciseId AND e.inject_id = :inject${i} AND e.team_id IN (:...teams${i}))`,
                params,
              );
            });
          }),
        )
        .getMany();
      out.push(...rows);
    }
    return out.sort((a, b) => a.id - b.id);
  }
}
