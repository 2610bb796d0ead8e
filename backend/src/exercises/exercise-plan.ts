import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';

/** What never changes once an exercise exists: its snapshot's injects and its teams. */
export interface ExercisePlan {
  exerciseId: string;
  injects: Map<string, Inject>;
  teams: ExerciseTeamEntity[];
  teamsByKey: Map<string, ExerciseTeamEntity>;
}

/** Caches exercise plans (immutable after creation), so delivery does not re-read the snapshot. */
@Injectable()
export class ExercisePlans {
  private readonly cache = new Map<string, Promise<ExercisePlan>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get(exerciseId: string): Promise<ExercisePlan> {
    let plan = this.cache.get(exerciseId);
    if (!plan) {
      plan = this.load(exerciseId);
      this.cache.set(exerciseId, plan);
      plan.catch(() => this.cache.delete(exerciseId));
    }
    return plan;
  }

  /** Team ids an inject goes to. */
  targets(plan: ExercisePlan, inject: Inject): ExerciseTeamEntity[] {
    if (inject.to === 'all') return plan.teams;
    return inject.to.map((k) => plan.teamsByKey.get(k)).filter((t): t is ExerciseTeamEntity => t !== undefined);
  }

  private async load(exerciseId: string): Promise<ExercisePlan> {
    const exercise = await this.db.getRepository(ExerciseEntity).findOne({ where: { id: exerciseId }, select: { id: true, snapshot: true } });
    if (!exercise) throw notFound('exercise', exerciseId);
    const teams = await this.db.getRepository(ExerciseTeamEntity).find({ where: { exerciseId }, order: { teamKey: 'ASC' } });
    return {
      exerciseId,
      injects: new Map(exercise.snapshot.injects.map((i) => [i.id, i])),
      teams,
      teamsByKey: new Map(teams.map((t) => [t.teamKey, t])),
    };
  }
}
