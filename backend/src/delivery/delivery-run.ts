import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { ReadDatabase } from '../database/read-database.js';
import { Transactions } from '../database/transactions.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseInjectEntity } from '../exercises/exercise-inject.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { wallTimeAt } from '../scheduling/exercise-clock.js';
import { anchorOf, SchedulerService } from '../scheduling/scheduler.service.js';
import { type DeliveryOutcome, DeliveryService } from './delivery.service.js';
import { lockExerciseClock } from './clock-lock.js';

/**
 * The delivery run around the clock commands: rebuilding the schedule on a fresh clock generation
 * after a restart or a Redis that came back empty (overdue injects first, in clock order), delivering
 * held-up earlier injects before a later one, and announcing each delivery (`inject.delivered`).
 * The clock commands themselves (start, pause, speed, end, re-anchoring) stay in `ExerciseLifecycle`.
 */
@Injectable()
export class DeliveryRun {
  private readonly logger = new Logger('exercises');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly scheduler: SchedulerService,
    private readonly delivery: DeliveryService,
    private readonly decisions: DecisionsService,
    private readonly bus: DomainEvents,
    private readonly reads: ReadDatabase,
  ) {}

  /**
   * Boot: give every live exercise a fresh clock generation and schedule all its pending injects
   * again. Injects that fell due while nothing was running get no delay, so they go out at once and
   * are marked late; jobs of the previous generation (including ones a crashed worker held) do nothing.
   */
  async reconcile(): Promise<number> {
    const live = await this.db.getRepository(ExerciseEntity).find({ where: { status: In(['running', 'scheduled']) } });
    for (const ex of live) {
      const r = await this.tx.run(async (m) => {
        await lockExerciseClock(m, ex.id);
        const bumped = await m
          .createQueryBuilder()
          .update(ExerciseEntity)
          .set({ generation: ex.generation + 1 })
          .where('id = :id AND generation = :g', { id: ex.id, g: ex.generation })
          .execute();
        // deliveries prepared by a process that died before revealing them are prepared again
        if (bumped.affected) await this.delivery.revertPrepared(m, ex.id);
        return bumped;
      });
      if (!r.affected) continue;
      ex.generation += 1;
      await this.catchUp(ex);
      await this.schedulePending(ex);
      if (ex.status === 'scheduled' && ex.anchorWallMs !== null)
        await this.scheduler.scheduleStart(ex, ex.anchorWallMs);
      this.logger.log(`reconciled exercise ${ex.id} (${ex.status}) on clock generation ${ex.generation}`);
    }
    return live.length;
  }

  /**
   * Deliver, one by one in exercise-clock order, everything that fell due while no worker ran,
   * including followers those deliveries release that are overdue too; teams then read the
   * backlog in the order the scenario tells it.
   */
  private async catchUp(ex: ExerciseEntity): Promise<void> {
    const anchor = anchorOf(ex);
    for (;;) {
      const now = Date.now();
      const overdue = (
        await this.db
          .getRepository(ExerciseInjectEntity)
          .find({ where: { exerciseId: ex.id, status: 'pending' }, order: { dueScenarioMs: 'ASC', injectId: 'ASC' } })
      )
        .map((p) => ({ p, dueAtMs: p.dueScenarioMs === null ? null : wallTimeAt(anchor, p.dueScenarioMs) }))
        .find((x) => x.dueAtMs !== null && x.dueAtMs <= now);
      if (!overdue || overdue.p.dueScenarioMs === null || overdue.dueAtMs === null) return;
      const outcome = await this.delivery.deliverNow({
        exerciseId: ex.id,
        injectId: overdue.p.injectId,
        teamScope: overdue.p.teamScope,
        scenarioMs: overdue.p.dueScenarioMs,
        dueAtMs: overdue.dueAtMs,
        generation: ex.generation,
        actor: 'system',
      });
      // another worker got there first, or the exercise changed meanwhile: leave the rest to the queue
      if (!outcome.event) return;
      await this.delivered(ex.id, overdue.p.injectId, outcome);
    }
  }

  /**
   * Just before an inject goes out, deliver anything of the same exercise that was due earlier and
   * is still waiting for its job (a job held up by load): teams then read the story in order.
   */
  async deliverEarlierFirst(exerciseId: string, generation: number, scenarioMs: number): Promise<void> {
    // This runs in the last milliseconds before an instant: on SQLite, a read on the writer's
    // connection would wait for whatever write is in flight (it did, up to ~100 ms, for the first
    // inject after a start). The read connection sees every committed row and never waits; what it
    // finds is then claimed through the writer, conditionally, as always.
    // On PostgreSQL both reads use the deliveries' own connections, never waiting for one behind
    // players' writes.
    const earlier = await (this.tx.urgentDb ?? this.reads.db)
      .getRepository(ExerciseInjectEntity)
      .createQueryBuilder('i')
      .where(`i.exercise_id = :exerciseId AND i.status = 'pending' AND i.due_scenario_ms < :scenarioMs`, {
        exerciseId,
        scenarioMs,
      })
      .orderBy('i.due_scenario_ms', 'ASC')
      .addOrderBy('i.inject_id', 'ASC')
      .getMany();
    if (earlier.length === 0) return;
    const ex = await (this.tx.urgentDb ?? this.db).getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    if (ex.generation !== generation) return;
    const anchor = anchorOf(ex);
    for (const p of earlier) {
      if (p.dueScenarioMs === null) continue;
      const outcome = await this.delivery.deliverNow({
        exerciseId,
        injectId: p.injectId,
        teamScope: p.teamScope,
        scenarioMs: p.dueScenarioMs,
        dueAtMs: wallTimeAt(anchor, p.dueScenarioMs) ?? Date.now(),
        generation,
        actor: 'system',
      });
      await this.delivered(exerciseId, p.injectId, outcome);
    }
  }

  /** After a delivery: whatever it set in motion follows (scores, decisions, released branches: `inject.delivered`). */
  delivered(exerciseId: string, injectId: string, outcome: DeliveryOutcome): Promise<void> {
    return this.bus.emit('inject.delivered', {
      exerciseId,
      injectId,
      teamIds: outcome.teamIds,
      released: outcome.released,
      decisions: outcome.decisions,
    });
  }

  /** Schedule every pending inject and open decision deadline on the exercise's current clock generation. */
  async schedulePending(ex: ExerciseEntity): Promise<void> {
    const pending = await this.db
      .getRepository(ExerciseInjectEntity)
      .find({ where: { exerciseId: ex.id, status: 'pending' } });
    await this.scheduler.scheduleInjects(
      ex,
      pending.flatMap((p) =>
        p.dueScenarioMs === null
          ? []
          : [{ injectId: p.injectId, teamScope: p.teamScope, dueScenarioMs: p.dueScenarioMs }],
      ),
    );
    await this.decisions.scheduleOpenDeadlines(ex);
  }
}
