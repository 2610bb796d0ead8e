import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions.js';
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
  /** wall instant it is due */
  dueAtMs: number;
  /** scheduled deliveries only go out if the exercise is still live on this clock generation */
  generation: number | null;
  actor: string;
  /** fire-now also releases injects still waiting for a trigger */
  allowWaiting?: boolean;
}

export interface ReleasedInject {
  injectId: string;
  dueScenarioMs: number;
}

/** A delivery recorded ahead of its instant, not yet visible to anyone. */
export interface PreparedDelivery {
  req: DeliveryRequest;
  event: InjectDeliveredEvent;
  teamIds: string[];
}

export interface DeliveryOutcome {
  event: InjectDeliveredEvent | null;
  /** the teams it reached */
  teamIds: string[];
  /** injects whose after-inject trigger this delivery released; the caller schedules them */
  released: ReleasedInject[];
}

const NONE: DeliveryOutcome = { event: null, teamIds: [], released: [] };

/**
 * Exactly-once delivery per (exercise, inject, team), decided by the database:
 *
 * 1. prepare (when the job arrives, a lead time early): a conditional update that only one caller
 *    can win moves the inject from `pending` to `prepared` and records a delivery per target team
 *    under a unique key, timed at the due instant. Nobody sees it yet.
 * 2. reveal (a few ms before the instant): `prepared` → `delivered` and the event-log entry, in
 *    one transaction. A clock change (pause, speed, end) reverts every still-prepared inject, so
 *    whichever of reveal and revert commits first wins, and a revert never undoes a reveal.
 * 3. emit at the instant: the socket broadcast, the only work left on the clock's critical path.
 *
 * Immediate deliveries (fire-now, catch-up after downtime) do all three at once.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    private readonly notifier: RealtimeNotifier,
  ) {}

  async prepare(req: DeliveryRequest): Promise<PreparedDelivery | null> {
    const { plan, inject } = await this.plans.inject(req.exerciseId, req.injectId);
    if (!inject) return null;
    const targets = this.plans.targets(plan, inject).map((t) => t.id);
    const dueAt = Math.round(req.dueAtMs);
    const deliveredAt = Math.max(dueAt, Date.now());
    const event: InjectDeliveredEvent = {
      exerciseId: req.exerciseId,
      injectId: req.injectId,
      scenarioMs: Math.round(req.scenarioMs),
      dueAt,
      deliveredAt,
      late: deliveredAt - dueAt > LATE_AFTER_MS,
    };
    const claimed = await this.tx.run(async (m) => {
      const claim = m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'prepared', deliveredAtMs: deliveredAt })
        .where('exercise_id = :exerciseId AND inject_id = :injectId', req)
        .andWhere(`status IN (:...statuses)`, { statuses: req.allowWaiting ? ['pending', 'waiting'] : ['pending'] });
      if (req.generation !== null) {
        claim.andWhere(`EXISTS (SELECT 1 FROM exercises x WHERE x.id = :exerciseId AND x.generation = :generation AND x.status IN ('running', 'scheduled'))`, {
          exerciseId: req.exerciseId,
          generation: req.generation,
        });
      }
      if (!(await claim.execute()).affected) return false;
      if (targets.length > 0) {
        await m
          .createQueryBuilder()
          .insert()
          .into(DeliveryEntity)
          .values(targets.map((teamId) => ({ id: randomUUID(), exerciseId: req.exerciseId, injectId: req.injectId, teamId, scenarioMs: event.scenarioMs, dueAtMs: dueAt, deliveredAtMs: deliveredAt, late: event.late })))
          .updateEntity(false)
          .execute();
      }
      return true;
    });
    return claimed ? { req, event, teamIds: targets } : null;
  }

  /** Make a prepared delivery final; false when a clock change withdrew it first. */
  async reveal(p: PreparedDelivery): Promise<ReleasedInject[] | null> {
    const plan = await this.plans.get(p.req.exerciseId);
    return this.tx.run(async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'delivered' })
        .where(`exercise_id = :exerciseId AND inject_id = :injectId AND status = 'prepared' AND delivered_at_ms = :deliveredAt`, {
          exerciseId: p.req.exerciseId,
          injectId: p.req.injectId,
          deliveredAt: p.event.deliveredAt,
        })
        .execute();
      if (!r.affected) return null;
      await this.events.append(m, {
        exerciseId: p.req.exerciseId,
        type: 'inject.delivered',
        scenarioMs: p.event.scenarioMs,
        actor: p.req.actor,
        atMs: p.event.deliveredAt,
        payload: { injectId: p.req.injectId, teamIds: p.teamIds, dueAtMs: p.event.dueAt, late: p.event.late, latenessMs: p.event.deliveredAt - p.event.dueAt },
      });
      return this.releaseFollowers(m, p.req.exerciseId, p.req.injectId, p.event.scenarioMs, plan.injects.values());
    });
  }

  emit(p: PreparedDelivery): void {
    this.notifier.injectDelivered(p.event, p.teamIds);
  }

  /** Prepare, reveal and emit at once: fire-now and catch-up after downtime. */
  async deliverNow(req: DeliveryRequest): Promise<DeliveryOutcome> {
    const p = await this.prepare(req);
    if (!p) return NONE;
    const released = await this.reveal(p);
    if (released === null) return NONE;
    this.emit(p);
    return { event: p.event, teamIds: p.teamIds, released };
  }

  /**
   * Withdraw every prepared-but-unrevealed delivery of an exercise (inside a clock change's
   * transaction): the injects go back to pending and will be prepared again on the new clock.
   */
  async revertPrepared(m: EntityManager, exerciseId: string, injectIds?: string[]): Promise<void> {
    const q = m.createQueryBuilder().update(ExerciseInjectEntity).set({ status: 'pending', deliveredAtMs: null }).where(`exercise_id = :exerciseId AND status = 'prepared'`, { exerciseId });
    if (injectIds) q.andWhere('inject_id IN (:...injectIds)', { injectIds });
    if (!(await q.execute()).affected) return;
    // only rows whose inject is pending again: a concurrent reveal that won keeps its deliveries
    await m
      .createQueryBuilder()
      .delete()
      .from(DeliveryEntity)
      .where('exercise_id = :exerciseId', { exerciseId })
      .andWhere(`inject_id IN (SELECT i.inject_id FROM exercise_injects i WHERE i.exercise_id = :exerciseId AND i.status = 'pending')`, { exerciseId })
      .execute();
  }

  /** Injects triggered "after" this one become pending at this delivery's time plus their delay. */
  private async releaseFollowers(m: EntityManager, exerciseId: string, injectId: string, scenarioMs: number, injects: Iterable<Inject>): Promise<ReleasedInject[]> {
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
