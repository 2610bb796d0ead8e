import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transactions } from '../database/transactions.js';
import type { DataSource, EntityManager } from 'typeorm';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseInjectEntity } from '../exercises/exercise-inject.entity.js';
import { ExercisePlans } from '../exercises/exercise-plan.js';
import type { InjectDeliveredEvent } from '../realtime/realtime-events.js';
import { RealtimeNotifier } from '../realtime/realtime-notifier.js';
import { type Inject, parseDurationMs } from '../scenarios/pack/pack-schema.js';
import { DeliveryEntity } from './delivery.entity.js';

/** Delivered more than this after its due instant counts as late (for example after a restart). */
export const LATE_AFTER_MS = 1000;

export interface DeliveryRequest {
  exerciseId: string;
  injectId: string;
  /** exercise-clock time it is delivered at */
  scenarioMs: number;
  /** wall instant it was due */
  dueAtMs: number;
  /** scheduled deliveries only go out if the exercise is still running on this clock generation */
  generation: number | null;
  actor: string;
  /** fire-now also releases injects still waiting for a trigger */
  allowWaiting?: boolean;
}

export interface ReleasedInject {
  injectId: string;
  dueScenarioMs: number;
}

export interface DeliveryOutcome {
  delivered: InjectDeliveredEvent[];
  /** injects whose after-inject trigger this delivery released; the caller schedules them */
  released: ReleasedInject[];
}

/**
 * Delivers an inject exactly once per team: one transaction claims the inject (a conditional
 * update that only one caller can win), records a delivery per target team under a unique key and
 * appends the event; only then are the team rooms told.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    private readonly notifier: RealtimeNotifier,
  ) {}

  async deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    const plan = await this.plans.get(req.exerciseId);
    const inject = plan.injects.get(req.injectId);
    if (!inject) return { delivered: [], released: [] };
    const targets = this.plans.targets(plan, inject);
    const now = Date.now();
    const late = now - req.dueAtMs > LATE_AFTER_MS;
    const scenarioMs = Math.round(req.scenarioMs);

    const outcome = await this.tx.run(async (m) => {
      const claim = m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'delivered', deliveredAtMs: now })
        .where('exercise_id = :exerciseId AND inject_id = :injectId', req)
        .andWhere(`status IN (:...statuses)`, { statuses: req.allowWaiting ? ['pending', 'waiting'] : ['pending'] });
      if (req.generation !== null) {
        claim.andWhere(
          `EXISTS (SELECT 1 FROM exercises x WHERE x.id = :exerciseId AND x.generation = :generation AND x.status IN ('running', 'scheduled'))`,
          { exerciseId: req.exerciseId, generation: req.generation },
        );
      }
      const claimed = await claim.execute();
      if (!claimed.affected) return null;

      const rows = targets.map((t) => ({
        id: randomUUID(),
        exerciseId: req.exerciseId,
        injectId: req.injectId,
        teamId: t.id,
        scenarioMs,
        dueAtMs: Math.round(req.dueAtMs),
        deliveredAtMs: now,
        late,
      }));
      if (rows.length > 0) await m.createQueryBuilder().insert().into(DeliveryEntity).values(rows).execute();
      await this.events.append(m, {
        exerciseId: req.exerciseId,
        type: 'inject.delivered',
        scenarioMs,
        actor: req.actor,
        atMs: now,
        payload: { injectId: req.injectId, teamIds: rows.map((r) => r.teamId), dueAtMs: Math.round(req.dueAtMs), late, latenessMs: now - Math.round(req.dueAtMs) },
      });
      const released = await this.releaseFollowers(m, req.exerciseId, req.injectId, scenarioMs, plan.injects.values());
      return { rows, released };
    });
    if (!outcome) return { delivered: [], released: [] };

    const delivered: InjectDeliveredEvent[] = outcome.rows.map((r) => ({
      exerciseId: r.exerciseId,
      injectId: r.injectId,
      teamId: r.teamId,
      scenarioMs: r.scenarioMs,
      dueAt: r.dueAtMs,
      deliveredAt: r.deliveredAtMs,
      late: r.late,
    }));
    this.notifier.injectDelivered(delivered);
    return { delivered, released: outcome.released };
  }

  /** Injects triggered "after" this one become pending at this delivery's time plus their delay. */
  private async releaseFollowers(
    m: EntityManager,
    exerciseId: string,
    injectId: string,
    scenarioMs: number,
    injects: Iterable<Inject>,
  ): Promise<ReleasedInject[]> {
    const released: ReleasedInject[] = [];
    for (const follower of injects) {
      const t = follower.trigger;
      if (t?.type !== 'after-inject' || t.inject !== injectId) continue;
      const dueScenarioMs = scenarioMs + parseDurationMs(t.delay);
      const r = await m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'pending', dueScenarioMs })
        .where(`exercise_id = :exerciseId AND inject_id = :id AND status = 'waiting'`, { exerciseId, id: follower.id })
        .execute();
      if (r.affected) {
        released.push({ injectId: follower.id, dueScenarioMs });
        await this.events.append(m, { exerciseId, type: 'inject.released', scenarioMs, actor: 'system', payload: { injectId: follower.id, after: injectId, dueScenarioMs } });
      }
    }
    return released;
  }
}
