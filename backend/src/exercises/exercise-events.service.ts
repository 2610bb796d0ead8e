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
    await manager.getRepository(ExerciseEventEntity).insert({
      exerciseId: e.exerciseId,
      type: e.type,
      atMs: e.atMs ?? Date.now(),
      scenarioMs: e.scenarioMs === null ? null : Math.round(e.scenarioMs),
      actor: e.actor,
      // the JSON transformer stores it as text; TypeORM's deep-partial type cannot express `unknown` values
      payload: (e.payload ?? {}) as never,
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
   * Events of some types whose payload names this inject. The payload is JSON written by append(),
   * so the text match is exact; it keeps a score refresh from parsing the whole log.
   */
  aboutInject(manager: EntityManager, exerciseId: string, injectId: string, ...types: ExerciseEventType[]): Promise<ExerciseEventEntity[]> {
    return manager
      .getRepository(ExerciseEventEntity)
      .createQueryBuilder('e')
      .where('e.exercise_id = :exerciseId AND e.type IN (:...types) AND e.payload LIKE :needle', { exerciseId, types, needle: `%${JSON.stringify({ injectId }).slice(1, -1).replace(/[%_]/g, '')}%` })
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
}
