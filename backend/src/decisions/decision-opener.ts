import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import type { ExercisePlan } from '../exercises/exercise-plan.js';
import { type Inject, parseDurationMs } from '../scenarios/pack/pack-schema.js';
import { DecisionEntity } from './decision.entities.js';

/**
 * Opens an inject's decision in the same transaction that makes its delivery final: one
 * consensus decision for the member teams, or one decision per receiving team in team mode.
 */
@Injectable()
export class DecisionOpener {
  constructor(private readonly events: ExerciseEvents) {}

  async open(
    m: EntityManager,
    plan: ExercisePlan,
    inject: Inject,
    teamIds: string[],
    scenarioMs: number,
  ): Promise<DecisionEntity[]> {
    const d = inject.decision;
    if (!d || teamIds.length === 0) return [];
    const deadlineScenarioMs = Math.round(scenarioMs + parseDurationMs(d.deadline));
    const base = {
      exerciseId: plan.exerciseId,
      decisionId: d.id,
      injectId: inject.id,
      mode: d.mode,
      status: 'open' as const,
      outcome: null,
      openedScenarioMs: Math.round(scenarioMs),
      deadlineScenarioMs,
      closedAtMs: null,
      forced: false,
    };
    const rows: DecisionEntity[] =
      d.mode === 'consensus'
        ? [
            {
              ...base,
              id: randomUUID(),
              teamScope: '',
              memberTeamIds: d.members ? d.members.flatMap((k) => plan.teamsByKey.get(k)?.id ?? []) : teamIds,
            },
          ]
        : teamIds.map((t) => ({ ...base, id: randomUUID(), teamScope: t, memberTeamIds: [t] }));
    const opened: DecisionEntity[] = [];
    for (const row of rows) {
      if (
        await m
          .getRepository(DecisionEntity)
          .existsBy({ exerciseId: row.exerciseId, decisionId: row.decisionId, teamScope: row.teamScope })
      )
        continue;
      await m.getRepository(DecisionEntity).insert(row);
      await this.events.append(m, {
        exerciseId: row.exerciseId,
        type: 'decision.opened',
        scenarioMs,
        actor: 'system',
        payload: {
          decisionId: row.decisionId,
          injectId: row.injectId,
          mode: row.mode,
          memberTeamIds: row.memberTeamIds,
          teamScope: row.teamScope || null,
          deadlineScenarioMs,
        },
      });
      opened.push(row);
    }
    return opened;
  }
}
