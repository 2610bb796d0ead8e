import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import type { Inject, ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';

/** An exercise's snapshot injects (plus ad-hoc ones written during the drill) and its teams. */
export interface ExercisePlan {
  exerciseId: string;
  injects: Map<string, Inject>;
  teams: ExerciseTeamEntity[];
  teamsByKey: Map<string, ExerciseTeamEntity>;
  /** the pack's scoring settings and objective ids (from the snapshot) */
  scoring: ScenarioPack['scoring'];
  objectiveIds: Set<string>;
  /** the pack's source language and its translations (from the snapshot; ad-hoc injects have none) */
  languages: Pick<ScenarioPack, 'language' | 'translations' | 'teams' | 'title'>;
}

/**
 * Caches exercise plans, so delivery does not re-read the snapshot. The snapshot and teams never
 * change; ad-hoc injects only add ids, so a lookup of an unknown id reloads the plan once.
 */
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

  /** The inject with this id, reloading the plan once if another process added it meanwhile. */
  async inject(exerciseId: string, injectId: string): Promise<{ plan: ExercisePlan; inject: Inject | undefined }> {
    let plan = await this.get(exerciseId);
    if (!plan.injects.has(injectId)) {
      this.cache.delete(exerciseId);
      plan = await this.get(exerciseId);
    }
    return { plan, inject: plan.injects.get(injectId) };
  }

  /** Team ids an inject goes to. */
  targets(plan: ExercisePlan, inject: Inject): ExerciseTeamEntity[] {
    if (inject.to === 'all') return plan.teams;
    return inject.to.map((k) => plan.teamsByKey.get(k)).filter((t): t is ExerciseTeamEntity => t !== undefined);
  }

  private async load(exerciseId: string): Promise<ExercisePlan> {
    const exercise = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ where: { id: exerciseId }, select: { id: true, snapshot: true } });
    if (!exercise) throw notFound('exercise', exerciseId);
    const teams = await this.db
      .getRepository(ExerciseTeamEntity)
      .find({ where: { exerciseId }, order: { teamKey: 'ASC' } });
    const adhoc = await this.db
      .getRepository(ExerciseInjectEntity)
      .createQueryBuilder('i')
      .where('i.exercise_id = :exerciseId AND i.adhoc_content IS NOT NULL', { exerciseId })
      .getMany();
    return {
      exerciseId,
      injects: new Map(
        [...exercise.snapshot.injects, ...adhoc.flatMap((a) => (a.adhocContent ? [a.adhocContent] : []))].map((i) => [
          i.id,
          i,
        ]),
      ),
      teams,
      teamsByKey: new Map(teams.map((t) => [t.teamKey, t])),
      scoring: exercise.snapshot.scoring,
      objectiveIds: new Set(exercise.snapshot.objectives.map((o) => o.id)),
      languages: {
        language: exercise.snapshot.language,
        translations: exercise.snapshot.translations,
        teams: exercise.snapshot.teams,
        title: exercise.snapshot.title,
      },
    };
  }
}
