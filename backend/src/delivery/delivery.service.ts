import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GROUPABLE, type Inserts, Transactions, URGENT, writeRows } from '../database/transactions.js';
import { DomainEvents } from '../events/domain-events.js';
import { preciseNow } from '../scheduling/precise-wait.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseInjectEntity } from '../exercises/exercise-inject.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ExercisePlans } from '../exercises/exercise-plan.js';
import type { DecisionEntity } from '../decisions/decision.entities.js';
import { DecisionOpener } from '../decisions/decision-opener.js';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { ResponseEntity } from '../responses/response.entities.js';
import { BranchReleases, type ReleasedInject } from './branch-releases.js';
import { shareExerciseClock } from './clock-lock.js';
import { DeliveryEntity } from './delivery.entity.js';
import type { InjectDeliveredEvent } from './delivery-views.js';
import { LATE_AFTER_MS } from './delivery-timing.js';

export type { ReleasedInject } from './branch-releases.js';

export { LATE_AFTER_MS };

/** which process broadcast a delivery (several API and worker processes in scale-out) */
const PROCESS = `${hostname()}:${process.pid}`.slice(0, 80);

export interface DeliveryRequest {
  exerciseId: string;
  injectId: string;
  /** '' = the inject's own targets; a team id = a branch released to that team only */
  teamScope: string;
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

/** A delivery recorded ahead of its instant, not yet visible to anyone. */
export interface PreparedDelivery {
  req: DeliveryRequest;
  event: InjectDeliveredEvent;
  teamIds: string[];
}

/** What making a delivery final set in motion; the caller schedules it. */
export interface Revealed {
  /** injects whose after-inject trigger this delivery released */
  released: ReleasedInject[];
  /** decisions the inject opened (their deadlines need scheduling) */
  decisions: DecisionEntity[];
}

export interface DeliveryOutcome extends Revealed {
  event: InjectDeliveredEvent | null;
  /** the teams it reached */
  teamIds: string[];
}

const NONE: DeliveryOutcome = { event: null, teamIds: [], released: [], decisions: [] };

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
  private readonly logger = new Logger('delivery');

  constructor(
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    private readonly branches: BranchReleases,
    private readonly decisions: DecisionOpener,
    private readonly bus: DomainEvents,
  ) {}

  async prepare(req: DeliveryRequest): Promise<PreparedDelivery | null> {
    const { plan, inject } = await this.plans.inject(req.exerciseId, req.injectId);
    if (!inject) return null;
    const addressed = req.teamScope ? [req.teamScope] : this.plans.targets(plan, inject).map((t) => t.id);
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
    let targets = addressed;
    const claimed = await this.tx.run(URGENT, async (m) => {
      // The claim holds only on the clock generation it was scheduled for (the EXISTS below). On
      // PostgreSQL the exercise's clock lock is taken first, shared (clock-lock.ts): a clock change
      // or a reconcile that bumps the generation (and withdraws prepared deliveries in the same
      // transaction) either commits before this claim, which then finds the new generation and
      // claims nothing, or waits for it and withdraws what it claimed. Without the lock a claim
      // could read the old generation while the bump was uncommitted and leave its inject
      // "prepared" on a dead generation, never delivered (seen after a Redis restart). SQLite runs
      // one write transaction at a time.
      if (req.generation !== null) await shareExerciseClock(m, req.exerciseId);
      const claim = m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'prepared', deliveredAtMs: deliveredAt })
        .where('exercise_id = :exerciseId AND inject_id = :injectId AND team_scope = :teamScope', req)
        .andWhere(`status IN (:...statuses)`, { statuses: req.allowWaiting ? ['pending', 'waiting'] : ['pending'] });
      if (req.generation !== null) {
        claim.andWhere(
          `EXISTS (SELECT 1 FROM exercises x WHERE x.id = :exerciseId AND x.generation = :generation AND x.status IN ('running', 'scheduled'))`,
          {
            exerciseId: req.exerciseId,
            generation: req.generation,
          },
        );
      }
      if (!(await claim.execute()).affected) return false;
      const already = new Set(
        (
          await m
            .getRepository(DeliveryEntity)
            .find({ where: { exerciseId: req.exerciseId, injectId: req.injectId }, select: { teamId: true } })
        ).map((d) => d.teamId),
      );
      // a team never gets the same inject twice, whichever branch released it
      targets = (await this.contingencyTargets(m, req.exerciseId, inject, addressed)).filter((t) => !already.has(t));
      if (targets.length > 0) {
        await m
          .createQueryBuilder()
          .insert()
          .into(DeliveryEntity)
          .values(
            targets.map((teamId) => ({
              id: randomUUID(),
              exerciseId: req.exerciseId,
              injectId: req.injectId,
              teamId,
              scenarioMs: event.scenarioMs,
              dueAtMs: dueAt,
              deliveredAtMs: deliveredAt,
              late: event.late,
            })),
          )
          .updateEntity(false)
          .execute();
      }
      return true;
    });
    return claimed ? { req, event, teamIds: targets } : null;
  }

  /**
   * Make a prepared delivery final; null when a clock change withdrew it first. The status flip
   * that shows the inject to players is the transaction's last write: on SQLite, reads share the
   * writer's connection and see its uncommitted rows, so a player must never see a delivered
   * inject whose decision or released branches are not written yet.
   */
  async reveal(p: PreparedDelivery): Promise<Revealed | null> {
    const { plan, inject } = await this.plans.inject(p.req.exerciseId, p.req.injectId);
    if (!inject) return null;
    const instance = {
      exerciseId: p.req.exerciseId,
      injectId: p.req.injectId,
      teamScope: p.req.teamScope,
      deliveredAt: p.event.deliveredAt,
    };
    try {
      return await this.tx.run(URGENT, async (m) => {
        // A scheduled delivery is final only on the clock generation it was prepared for, and a
        // clock change and a reveal are totally ordered across processes: a pause committed first
        // withdraws the delivery; a reveal committed first is seen by the pause, which then takes
        // effect at the inject's instant (see ExerciseLifecycle.changeClock). PostgreSQL: the
        // exercise's clock lock, shared (clock-lock.ts), held to the commit, so the generation
        // checked below cannot change before it; reveals and the next inject's prepare do not wait
        // for each other. SQLite: this write takes the database's write lock first.
        const onGeneration = p.req.generation !== null;
        if (onGeneration && m.connection.options.type === 'postgres') {
          await shareExerciseClock(m, p.req.exerciseId);
        } else if (onGeneration) {
          const current = await m
            .createQueryBuilder()
            .update(ExerciseEntity)
            .set({ generation: () => 'generation' })
            .where(`id = :exerciseId AND generation = :generation AND status IN ('running', 'scheduled')`, {
              exerciseId: p.req.exerciseId,
              generation: p.req.generation,
            })
            .execute();
          if (!current.affected) return null;
        }
        const prepared = m
          .createQueryBuilder()
          .from(ExerciseInjectEntity, 'i')
          .where(
            `i.exercise_id = :exerciseId AND i.inject_id = :injectId AND i.team_scope = :teamScope AND i.status = 'prepared' AND i.delivered_at_ms = :deliveredAt`,
            instance,
          );
        if (onGeneration && m.connection.options.type === 'postgres')
          prepared.andWhere(
            `EXISTS (SELECT 1 FROM exercises x WHERE x.id = :exerciseId AND x.generation = :generation AND x.status IN ('running', 'scheduled'))`,
            { generation: p.req.generation },
          );
        if (!(await prepared.getExists())) return null;
        await this.events.append(m, {
          exerciseId: p.req.exerciseId,
          type: 'inject.delivered',
          scenarioMs: p.event.scenarioMs,
          actor: p.req.actor,
          atMs: p.event.deliveredAt,
          payload: {
            injectId: p.req.injectId,
            teamScope: p.req.teamScope || null,
            teamIds: p.teamIds,
            dueAtMs: p.event.dueAt,
            late: p.event.late,
            latenessMs: p.event.deliveredAt - p.event.dueAt,
          },
        });
        let revealed: Revealed = { released: [], decisions: [] };
        if (p.teamIds.length > 0) {
          // the teams' score cells for this inject open now (recomputed by the scoring flush)
          const write: Inserts = [];
          await this.bus.emit('inject.revealed', {
            write,
            exerciseId: p.req.exerciseId,
            injectId: p.req.injectId,
            teamIds: p.teamIds,
          });
          await writeRows(m, write);
          const released = await this.branches.release(
            m,
            p.req.exerciseId,
            plan.injects.values(),
            { type: 'after-inject', injectId: p.req.injectId },
            p.req.teamScope,
            p.event.scenarioMs,
          );
          revealed = { released, decisions: await this.decisions.open(m, plan, inject, p.teamIds, p.event.scenarioMs) };
        }
        const flipped = await m
          .createQueryBuilder()
          .update(ExerciseInjectEntity)
          .set({ status: 'delivered' })
          .where(
            `exercise_id = :exerciseId AND inject_id = :injectId AND team_scope = :teamScope AND status = 'prepared' AND delivered_at_ms = :deliveredAt`,
            instance,
          )
          .execute();
        // another process withdrew it between the check and now: undo everything written above
        if (!flipped.affected) throw new RevealWithdrawn();
        return revealed;
      });
    } catch (e) {
      if (e instanceof RevealWithdrawn) return null;
      throw e;
    }
  }

  /** The socket broadcast; returns when it really started and ended (epoch ms, sub-millisecond). */
  emit(p: PreparedDelivery): { startedAt: number; endedAt: number } {
    const startedAt = preciseNow();
    // the realtime layer's one synchronous subscriber emits to the team rooms and the control room, inside this call
    this.bus.announce('inject.broadcast', p);
    return { startedAt, endedAt: preciseNow() };
  }

  /**
   * Write down when the broadcast really happened, after it (never on the clock's critical path):
   * the records then show each delivery's true lateness, and one that went out more than
   * LATE_AFTER_MS after its instant (a restart, a stall) is marked late whatever prepare assumed.
   */
  async recordBroadcast(p: PreparedDelivery, at: { startedAt: number; endedAt: number }): Promise<void> {
    if (p.teamIds.length === 0) return;
    await this.tx.run(GROUPABLE, (m) =>
      m
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({
          broadcastStartedAtMs: at.startedAt,
          broadcastEndedAtMs: at.endedAt,
          broadcastBy: PROCESS,
          late: at.startedAt - p.event.dueAt > LATE_AFTER_MS,
        })
        .where('exercise_id = :exerciseId AND inject_id = :injectId AND team_id IN (:...teamIds)', {
          exerciseId: p.req.exerciseId,
          injectId: p.req.injectId,
          teamIds: p.teamIds,
        })
        .execute(),
    );
  }

  /** Prepare, reveal and emit at once: fire-now and catch-up after downtime. */
  async deliverNow(req: DeliveryRequest): Promise<DeliveryOutcome> {
    const p = await this.prepare(req);
    if (!p) return NONE;
    const revealed = await this.reveal(p);
    if (revealed === null) return NONE;
    const emitted = this.emit(p);
    // the record follows the broadcast; a catch-up backlog does not wait for it
    void this.recordBroadcast(p, emitted).catch((e: unknown) =>
      this.logger.warn(
        `broadcast timing of ${req.injectId} not recorded: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
    return { event: p.event, teamIds: p.teamIds, ...revealed };
  }

  /**
   * Withdraw every prepared-but-unrevealed delivery of an exercise (inside a clock change's
   * transaction): the injects go back to pending and will be prepared again on the new clock.
   */
  async revertPrepared(m: EntityManager, exerciseId: string, injectIds?: string[]): Promise<void> {
    const q = m
      .createQueryBuilder()
      .update(ExerciseInjectEntity)
      .set({ status: 'pending', deliveredAtMs: null })
      .where(`exercise_id = :exerciseId AND status = 'prepared'`, { exerciseId });
    if (injectIds) q.andWhere('inject_id IN (:...injectIds)', { injectIds });
    if (!(await q.execute()).affected) return;
    // deliveries of instances that are pending again; a delivery that was revealed is never touched
    await m
      .createQueryBuilder()
      .delete()
      .from(DeliveryEntity)
      .where('exercise_id = :exerciseId', { exerciseId })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM exercise_injects i WHERE i.exercise_id = :exerciseId AND i.inject_id = deliveries.inject_id AND i.status = 'delivered' AND (i.team_scope = '' OR i.team_scope = deliveries.team_id))`,
        { exerciseId },
      )
      .execute();
  }

  /** A contingency goes only to the teams that had not logged its expected action (by option or evaluator). */
  private async contingencyTargets(
    m: EntityManager,
    exerciseId: string,
    inject: Inject,
    teamIds: string[],
  ): Promise<string[]> {
    const t = inject.trigger;
    if (t?.type !== 'contingency') return teamIds;
    const plan = await this.plans.get(exerciseId);
    const action = plan.injects.get(t.inject)?.expectedActions.find((a) => a.id === t.expectedAction);
    const options = new Set(action?.options ?? []);
    const responses = await m
      .getRepository(ResponseEntity)
      .find({ where: { exerciseId, injectId: t.inject }, select: { teamId: true, optionIds: true } });
    const acted = new Set(responses.filter((r) => r.optionIds.some((o) => options.has(o))).map((r) => r.teamId));
    const evaluated = await this.events.ofType(m, exerciseId, 'evaluation.recorded');
    for (const e of evaluated) {
      if (
        e.payload.injectId === t.inject &&
        e.payload.expectedActionId === t.expectedAction &&
        typeof e.payload.teamId === 'string'
      ) {
        if (e.payload.met === true) acted.add(e.payload.teamId);
        else acted.delete(e.payload.teamId);
      }
    }
    return teamIds.filter((id) => !acted.has(id));
  }
}

class RevealWithdrawn extends Error {}
