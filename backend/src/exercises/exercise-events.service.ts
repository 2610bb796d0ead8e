import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
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
    const payload = e.payload ?? {};
    await manager.getRepository(ExerciseEventEntity).insert({
      exerciseId: e.exerciseId,
      type: e.type,
      atMs: e.atMs ?? Date.now(),
      scenarioMs: e.scenarioMs === null ? null : Math.round(e.scenarioMs),
      actor: e.actor,
      // the JSON transformer stores it as text; TypeORM's deep-partial type cannot express `unknown` values
      payload: payload as never,
      injectId: typeof payload.injectId === 'string' ? payload.injectId : null,
      teamId: typeof payload.teamId === 'string' ? payload.teamId : null,
    });
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

  /**
   * Events of some types about this inject (payload.injectId), in log order; with `teamIds`, only
   * those about one of these teams or about no single team (payload.teamId absent, e.g. a delivery
   * to several teams). Read through the indexed columns, inside the caller's transaction.
   */
  aboutInject(manager: EntityManager, exerciseId: string, injectId: string, types: readonly ExerciseEventType[], teamIds?: readonly string[]): Promise<ExerciseEventEntity[]> {
    const q = manager
      .getRepository(ExerciseEventEntity)
      .createQueryBuilder('e')
      .where('e.exercise_id = :exerciseId AND e.inject_id = :injectId AND e.type IN (:...types)', { exerciseId, injectId, types });
    if (teamIds) q.andWhere('(e.team_id IS NULL OR e.team_id IN (:...teamIds))', { teamIds: teamIds.length > 0 ? teamIds : [''] });
    return q.orderBy('e.id', 'ASC').getMany();
  }

  list(exerciseId: string, afterId = 0, limit = 1000): Promise<ExerciseEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .where('e.exercise_id = :exerciseId AND e.id > :afterId', { exerciseId, afterId })
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}
