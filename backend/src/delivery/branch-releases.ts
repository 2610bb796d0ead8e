import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseInjectEntity } from '../exercises/exercise-inject.entity.js';
import { type Inject, parseDurationMs } from '../scenarios/pack/pack-schema.js';

export interface ReleasedInject {
  injectId: string;
  /** '' = to the inject's own targets; a team id = to that team only */
  teamScope: string;
  dueScenarioMs: number;
}

export type ReleaseCause =
  | { type: 'after-inject'; injectId: string }
  | { type: 'decision-outcome'; decisionId: string; outcome: string }
  | { type: 'response-option'; injectId: string; optionIds: string[] };

/**
 * Releases the injects a trigger waits for, inside the caller's transaction, exactly once: the
 * pack-wide row moves from `waiting` to `pending` with a conditional update; a team-scoped branch
 * is a new instance row under a unique key. The caller schedules what comes back.
 */
@Injectable()
export class BranchReleases {
  constructor(private readonly events: ExerciseEvents) {}

  /** Whether `release` would find a follower for this cause (without touching the database). */
  releasesAny(injects: Iterable<Inject>, cause: ReleaseCause): boolean {
    for (const follower of injects) if (follower.trigger && matches(follower.trigger, cause)) return true;
    return false;
  }

  async release(
    m: EntityManager,
    exerciseId: string,
    injects: Iterable<Inject>,
    cause: ReleaseCause,
    teamScope: string,
    scenarioMs: number,
  ): Promise<ReleasedInject[]> {
    const released: ReleasedInject[] = [];
    for (const follower of injects) {
      const t = follower.trigger;
      if (!t || !matches(t, cause)) continue;
      const dueScenarioMs = Math.round(scenarioMs + parseDurationMs('delay' in t ? t.delay : '00:00'));
      const ok =
        teamScope === ''
          ? await this.releaseShared(m, exerciseId, follower.id, dueScenarioMs)
          : await this.releaseForTeam(m, exerciseId, follower.id, teamScope, dueScenarioMs);
      if (!ok) continue;
      released.push({ injectId: follower.id, teamScope, dueScenarioMs });
      await this.events.append(m, {
        exerciseId,
        type: 'inject.released',
        scenarioMs,
        actor: 'system',
        payload: { injectId: follower.id, teamScope: teamScope || null, cause, dueScenarioMs },
      });
    }
    return released;
  }

  private async releaseShared(
    m: EntityManager,
    exerciseId: string,
    injectId: string,
    dueScenarioMs: number,
  ): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ExerciseInjectEntity)
      .set({ status: 'pending', dueScenarioMs })
      .where(`exercise_id = :exerciseId AND inject_id = :injectId AND team_scope = '' AND status = 'waiting'`, {
        exerciseId,
        injectId,
      })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  private async releaseForTeam(
    m: EntityManager,
    exerciseId: string,
    injectId: string,
    teamScope: string,
    dueScenarioMs: number,
  ): Promise<boolean> {
    const exists = await m.getRepository(ExerciseInjectEntity).existsBy({ exerciseId, injectId, teamScope });
    if (exists) return false;
    await m
      .createQueryBuilder()
      .insert()
      .into(ExerciseInjectEntity)
      .values({
        id: randomUUID(),
        exerciseId,
        injectId,
        teamScope,
        status: 'pending',
        dueScenarioMs,
        deliveredAtMs: null,
        adhocContent: null,
      } as never)
      .orIgnore()
      .updateEntity(false)
      .execute();
    return true;
  }
}

function matches(t: NonNullable<Inject['trigger']>, cause: ReleaseCause): boolean {
  switch (t.type) {
    case 'after-inject':
      return cause.type === 'after-inject' && t.inject === cause.injectId;
    case 'decision-outcome':
      return cause.type === 'decision-outcome' && t.decision === cause.decisionId && t.outcome === cause.outcome;
    case 'response-option':
      return cause.type === 'response-option' && t.inject === cause.injectId && cause.optionIds.includes(t.option);
    case 'contingency':
      // contingencies run on the clock from the start; the delivery filters their teams
      return false;
  }
}
