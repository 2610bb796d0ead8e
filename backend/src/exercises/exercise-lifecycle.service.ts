import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transactions } from '../database/transactions.js';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { actorOf, type UserPrincipal } from '../auth/principal.js';
import { conflict, notFound } from '../common/domain-error.js';
import { lockExerciseWrites } from '../common/exercise-open.js';
import { lockExerciseClock } from '../delivery/clock-lock.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { DeliveryRun } from '../delivery/delivery-run.js';
import { type ClockChange as ClockChangeKind, DomainEvents } from '../events/domain-events.js';
import { parseOffsetMs } from '../scenarios/pack/pack-schema.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import {
  type ClockAnchor,
  pauseAnchor,
  respeedAnchor,
  resumeAnchor,
  scenarioNow,
  wallTimeAt,
} from '../scheduling/exercise-clock.js';
import { anchorOf, SchedulerService } from '../scheduling/scheduler.service.js';
import { type ExerciseEventType } from './exercise-event.entity.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity, type ExerciseStatus } from './exercise.entity.js';
import { clockView } from './exercise-views.js';
import { newJoinCode } from './join-code.js';

interface ClockChange {
  type: ClockChangeKind;
  allowedFrom: readonly ExerciseStatus[];
  status: ExerciseStatus;
  anchor: ClockAnchor;
  payload?: Record<string, unknown>;
  patch?: Partial<ExerciseEntity>;
}

/**
 * The exercise lifecycle: create, start (now or at a time), pause, resume, speed, fire, skip, end,
 * and re-anchoring after a step of the system clock (the delivery run around them, reconciliation
 * at boot included, is `DeliveryRun`). Every clock change moves the anchor and bumps the
 * generation in one conditional update, so a concurrent change gets a 409 instead of a lost write.
 */
@Injectable()
export class ExerciseLifecycle {
  private readonly logger = new Logger('exercises');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly scenarios: ScenariosService,
    private readonly scheduler: SchedulerService,
    private readonly delivery: DeliveryService,
    private readonly events: ExerciseEvents,
    private readonly run: DeliveryRun,
    private readonly bus: DomainEvents,
  ) {}

  async create(by: UserPrincipal, input: { packId: string; name?: string | undefined }): Promise<ExerciseEntity> {
    const pack = await this.scenarios.get(input.packId);
    const now = Date.now();
    const exercise = this.db.getRepository(ExerciseEntity).create({
      id: randomUUID(),
      name: input.name ?? `${pack.title} (${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      packRecordId: pack.id,
      snapshot: pack.document,
      status: 'draft',
      speed: 1,
      anchorWallMs: null,
      anchorScenarioMs: 0,
      generation: 0,
      startedAtMs: null,
      endedAtMs: null,
      observerAnonymous: false,
      createdBy: by.userId,
      createdAt: now,
    });
    await this.tx.run(async (m) => {
      await m.insert(ExerciseEntity, exercise);
      await m.insert(
        ExerciseTeamEntity,
        pack.document.teams.map((t) => ({
          id: randomUUID(),
          exerciseId: exercise.id,
          teamKey: t.id,
          name: t.name,
          joinCode: newJoinCode(),
          seatLimit: null,
        })),
      );
      // on the clock: an offset, or a contingency's check time; everything else waits for its trigger
      const clockTime = (i: (typeof pack.document.injects)[number]) =>
        i.offset !== undefined
          ? parseOffsetMs(i.offset)
          : i.trigger?.type === 'contingency'
            ? parseOffsetMs(i.trigger.at)
            : null;
      const rows = pack.document.injects.map((i) => ({
        id: randomUUID(),
        exerciseId: exercise.id,
        injectId: i.id,
        teamScope: '',
        status: clockTime(i) !== null ? ('pending' as const) : ('waiting' as const),
        dueScenarioMs: clockTime(i),
        deliveredAtMs: null,
        adhocContent: null,
      }));
      for (let k = 0; k < rows.length; k += 200) await m.insert(ExerciseInjectEntity, rows.slice(k, k + 200));
      await this.events.append(m, {
        exerciseId: exercise.id,
        type: 'exercise.created',
        scenarioMs: null,
        actor: actorOf(by),
        payload: { packId: pack.packId, packVersion: pack.version, contentHash: pack.contentHash },
      });
    });
    return exercise;
  }

  async get(id: string): Promise<ExerciseEntity> {
    const e = await this.db.getRepository(ExerciseEntity).findOneBy({ id });
    if (!e) throw notFound('exercise', id);
    return e;
  }

  async start(by: UserPrincipal, id: string, startAtMs: number | undefined): Promise<ExerciseEntity> {
    const now = Date.now();
    const later = startAtMs !== undefined && startAtMs > now + 1000;
    const wall = later ? startAtMs : now;
    const e = await this.changeClock(by, id, now, (ex) => ({
      type: later ? 'exercise.start-scheduled' : 'exercise.started',
      allowedFrom: ['draft'],
      status: later ? 'scheduled' : 'running',
      anchor: { wallMs: wall, scenarioMs: 0, speed: ex.speed, running: true },
      payload: { startAtMs: wall },
      patch: { startedAtMs: wall },
    }));
    if (later) await this.scheduler.scheduleStart(e, wall);
    return e;
  }

  pause(by: UserPrincipal, id: string): Promise<ExerciseEntity> {
    return this.changeClock(by, id, Date.now(), (ex, at) => ({
      type: 'exercise.paused',
      allowedFrom: ['running'],
      status: 'paused',
      anchor: pauseAnchor(anchorOf(ex), at),
    }));
  }

  resume(by: UserPrincipal, id: string): Promise<ExerciseEntity> {
    const now = Date.now();
    return this.changeClock(by, id, now, (ex) => ({
      type: 'exercise.resumed',
      allowedFrom: ['paused'],
      status: 'running',
      anchor: resumeAnchor(anchorOf(ex), now),
      payload: { pausedForMs: ex.anchorWallMs === null ? null : now - ex.anchorWallMs },
    }));
  }

  setSpeed(by: UserPrincipal, id: string, speed: number): Promise<ExerciseEntity> {
    return this.changeClock(by, id, Date.now(), (ex, at) => ({
      type: 'exercise.speed-changed',
      allowedFrom: ['draft', 'scheduled', 'running', 'paused'],
      status: ex.status,
      // before the start the anchor stays at the start instant; only the rate changes
      anchor:
        ex.status === 'draft' || ex.status === 'scheduled'
          ? { ...anchorOf(ex), speed }
          : respeedAnchor(anchorOf(ex), at, speed),
      payload: { from: ex.speed, to: speed },
    }));
  }

  end(by: UserPrincipal, id: string): Promise<ExerciseEntity> {
    return this.changeClock(by, id, Date.now(), (ex, at) => ({
      type: 'exercise.ended',
      allowedFrom: ['scheduled', 'running', 'paused'],
      status: 'ended',
      anchor: pauseAnchor(anchorOf(ex), at),
      patch: { endedAtMs: at },
    }));
  }

  /** Deliver an inject now, whatever its planned time (also one still waiting for its trigger). */
  async fireNow(by: UserPrincipal, id: string, injectId: string) {
    const ex = await this.get(id);
    if (ex.status !== 'running' && ex.status !== 'paused') {
      throw conflict('exercise.not-live', `Cannot fire an inject while the exercise is ${ex.status}; start it first`);
    }
    const state = await this.injectState(id, injectId);
    if (state.status === 'delivered' || state.status === 'skipped')
      throw conflict('inject.done', `Inject "${injectId}" was already ${state.status}`);
    // firing a branch or a contingency sends it to all its targets now, whatever its trigger
    if (state.status === 'prepared')
      throw conflict('inject.in-flight', `Inject "${injectId}" is being delivered right now`);
    const now = Date.now();
    const scenarioMs = scenarioNow(anchorOf(ex), now);
    await this.tx.run((m) =>
      this.events.append(m, {
        exerciseId: id,
        type: 'inject.fired',
        scenarioMs,
        actor: actorOf(by),
        payload: { injectId, plannedScenarioMs: state.dueScenarioMs },
      }),
    );
    const outcome = await this.delivery.deliverNow({
      exerciseId: id,
      injectId,
      teamScope: '',
      scenarioMs,
      dueAtMs: now,
      generation: null,
      actor: actorOf(by),
      allowWaiting: true,
    });
    if (!outcome.event && (await this.injectState(id, injectId)).status !== 'delivered') {
      throw conflict(
        'inject.done',
        `Inject "${injectId}" could not be delivered (it was delivered or skipped meanwhile)`,
      );
    }
    await this.run.delivered(id, injectId, outcome);
    return { injectId, teams: outcome.teamIds, scenarioMs: Math.round(scenarioMs) };
  }

  async skip(by: UserPrincipal, id: string, injectId: string) {
    const ex = await this.get(id);
    if (ex.status === 'ended') throw conflict('exercise.ended', 'The exercise has ended');
    await this.injectState(id, injectId);
    const skipped = await this.tx.run(async (m) => {
      await this.delivery.revertPrepared(m, id, [injectId]);
      const r = await m
        .createQueryBuilder()
        .update(ExerciseInjectEntity)
        .set({ status: 'skipped' })
        .where(`exercise_id = :id AND inject_id = :injectId AND status IN ('pending', 'waiting')`, { id, injectId })
        .execute();
      if (!r.affected) return false;
      await this.events.append(m, {
        exerciseId: id,
        type: 'inject.skipped',
        scenarioMs: scenarioNow(anchorOf(ex), Date.now()),
        actor: actorOf(by),
        payload: { injectId },
      });
      return true;
    });
    if (!skipped) throw conflict('inject.done', `Inject "${injectId}" was already delivered or skipped`);
    this.bus.announce('inject.skipped', { exerciseId: id, injectId });
    return { injectId, status: 'skipped' as const };
  }

  /** Worker: a start planned for a wall time has come. */
  async activateScheduledStart(exerciseId: string, generation: number): Promise<void> {
    const r = await this.tx.run(async (m) => {
      const u = await m
        .createQueryBuilder()
        .update(ExerciseEntity)
        .set({ status: 'running' })
        .where(`id = :exerciseId AND generation = :generation AND status = 'scheduled'`, { exerciseId, generation })
        .execute();
      if (u.affected)
        await this.events.append(m, {
          exerciseId,
          type: 'exercise.started',
          scenarioMs: 0,
          actor: 'system',
          payload: { scheduled: true },
        });
      return u.affected ?? 0;
    });
    if (r) this.announceClock('exercise.started', await this.get(exerciseId));
  }

  /**
   * The system clock stepped by `stepMs` (wall-clock.ts). Every anchor of a running or paused
   * exercise was written on the clock before the step: shift it by the step, so scenario time runs
   * on as if nothing happened and each pending inject still goes out after the same real time
   * (without this, the exercise clock would jump by the step, and on a backward step every queued
   * delivery would wait the step longer). Pending deliveries are withdrawn and scheduled again on
   * the shifted clock. Each process that sees the step calls this; the first one to commit
   * re-anchors an exercise, the others find its log entry for the same step and leave it.
   * A scheduled start is a wall-clock appointment and is not moved.
   */
  async reanchorAfterClockStep(measuredStepMs: number): Promise<number> {
    // whole milliseconds: the step is measured on the monotonic clock (fractional), anchors are integers
    const stepMs = Math.round(measuredStepMs);
    const live = await this.db.getRepository(ExerciseEntity).find({ where: { status: In(['running', 'paused']) } });
    let reanchored = 0;
    for (const ex of live) {
      if (ex.anchorWallMs === null) continue;
      const previousGeneration = ex.generation;
      const next = { anchorWallMs: ex.anchorWallMs + stepMs, generation: previousGeneration + 1 };
      const done = await this.tx
        .run(async (m: EntityManager) => {
          await lockExerciseClock(m, ex.id);
          const r = await m
            .createQueryBuilder()
            .update(ExerciseEntity)
            .set(next)
            .where('id = :id AND generation = :g AND status = :s', { id: ex.id, g: previousGeneration, s: ex.status })
            .execute();
          if (!r.affected) return false;
          const recent = await this.events.ofType(m, ex.id, 'exercise.clock-reanchored');
          const now = Date.now();
          if (
            recent.some(
              (e) =>
                Math.abs(e.atMs - now) < CLOCK_STEP_SEEN_WITHIN_MS &&
                typeof e.payload.stepMs === 'number' &&
                Math.abs(e.payload.stepMs - stepMs) < CLOCK_STEP_SAME_WITHIN_MS,
            )
          )
            throw new AlreadyReanchored();
          await this.delivery.revertPrepared(m, ex.id);
          await this.events.append(m, {
            exerciseId: ex.id,
            type: 'exercise.clock-reanchored',
            scenarioMs: Math.round(scenarioNow(anchorOf({ ...ex, ...next }), now)),
            actor: 'system',
            atMs: now,
            payload: { stepMs, generation: next.generation },
          });
          return true;
        })
        .catch((e: unknown) => {
          if (e instanceof AlreadyReanchored) return false;
          throw e;
        });
      if (!done) continue;
      Object.assign(ex, next);
      reanchored++;
      const ids = await this.db
        .getRepository(ExerciseInjectEntity)
        .find({ where: { exerciseId: ex.id, status: 'pending' }, select: { injectId: true, teamScope: true } });
      if (ex.status === 'running') await this.run.schedulePending(ex);
      await this.scheduler.dropGeneration(ex.id, previousGeneration, ids);
      this.announceClock('exercise.clock-reanchored', ex);
    }
    return reanchored;
  }

  private async injectState(exerciseId: string, injectId: string): Promise<ExerciseInjectEntity> {
    const s = await this.db.getRepository(ExerciseInjectEntity).findOneBy({ exerciseId, injectId, teamScope: '' });
    if (!s) throw notFound('inject', injectId);
    return s;
  }

  /**
   * Apply a clock change accepted at wall instant `acceptedAt`. Linearisation: the change takes
   * effect at `acceptedAt`, and every inject due after that is withdrawn and re-timed — unless its
   * delivery was already made final (revealed, 15–50 ms before its instant: reveal-lead.ts) when the
   * change committed. A revealed inject is visible through the API and is broadcast at its instant
   * by whichever process holds it, so the change then takes effect at that instant instead: the
   * frozen (or re-rated) clock never stands before an inject the players have received. The reveal
   * and this transaction are ordered by the exercise's clock lock (PostgreSQL, delivery/clock-lock.ts)
   * or the database's write lock (SQLite).
   */
  private async changeClock(
    by: UserPrincipal,
    id: string,
    acceptedAt: number,
    plan: (ex: ExerciseEntity, at: number) => ClockChange,
  ): Promise<ExerciseEntity> {
    const ex = await this.get(id);
    let change = plan(ex, acceptedAt);
    if (!change.allowedFrom.includes(ex.status)) {
      throw conflict(
        'exercise.illegal-transition',
        `Cannot ${verb(change.type)} an exercise that is ${ex.status} (allowed when ${change.allowedFrom.join(' or ')})`,
      );
    }
    const previousGeneration = ex.generation;
    const before = {
      status: ex.status,
      speed: ex.speed,
      anchorWallMs: ex.anchorWallMs,
      anchorScenarioMs: ex.anchorScenarioMs,
    };
    const nextOf = (c: ClockChange): Partial<ExerciseEntity> => ({
      ...c.patch,
      status: c.status,
      speed: c.anchor.speed,
      anchorWallMs: c.anchor.wallMs,
      anchorScenarioMs: c.anchor.scenarioMs,
      generation: previousGeneration + 1,
    });
    let next = nextOf(change);
    const updated = await this.tx.run(async (m: EntityManager) => {
      // an end waits for the players' writes in flight, and the ones after it are refused
      if (change.status === 'ended') await lockExerciseWrites(m, id);
      // deliveries in flight commit first (and are seen below), new ones wait for this change
      await lockExerciseClock(m, id);
      const r = await m
        .createQueryBuilder()
        .update(ExerciseEntity)
        .set(next)
        .where('id = :id AND generation = :g AND status = :s', { id, g: previousGeneration, s: ex.status })
        .execute();
      if (!r.affected) return false;
      await this.delivery.revertPrepared(m, id);
      const effective = await this.lastRevealedInstant(m, ex, acceptedAt);
      if (effective > acceptedAt) {
        change = plan(ex, effective);
        next = nextOf(change);
        await m.createQueryBuilder().update(ExerciseEntity).set(next).where('id = :id', { id }).execute();
        this.logger.log(
          `exercise ${id}: ${change.type} takes effect at ${effective} (${effective - acceptedAt} ms after it was accepted), the instant of an inject already revealed`,
        );
      }
      await this.events.append(m, {
        exerciseId: id,
        type: change.type,
        scenarioMs: change.anchor.scenarioMs,
        actor: actorOf(by),
        atMs: change.anchor.wallMs ?? Date.now(),
        payload: {
          ...change.payload,
          speed: change.anchor.speed,
          generation: previousGeneration + 1,
          ...(effective > acceptedAt ? { acceptedAtMs: acceptedAt } : {}),
        },
      });
      return true;
    });
    if (!updated)
      throw conflict('exercise.concurrent-change', 'The exercise changed at the same moment; reload and try again');
    Object.assign(ex, next);

    const ids = await this.db
      .getRepository(ExerciseInjectEntity)
      .find({ where: { exerciseId: id, status: 'pending' }, select: { injectId: true, teamScope: true } });
    if (ex.status === 'running' || ex.status === 'scheduled') await this.run.schedulePending(ex);
    await this.scheduler.dropGeneration(id, previousGeneration, ids);
    if (ex.status === 'paused') await this.deliverDueBeforePause(ex, anchorOf({ ...ex, ...before }));
    this.announceClock(change.type, ex);
    return ex;
  }

  /**
   * The other half of the pause's linearisation: an inject due at or before the instant the pause
   * took effect belongs before it, even if its job was running late and had not revealed it yet
   * (the pause withdrew it). It goes out now, at its own scenario time, recorded against its
   * original instant; everything due later stays held.
   */
  private async deliverDueBeforePause(ex: ExerciseEntity, running: ClockAnchor): Promise<void> {
    const due = await this.db
      .getRepository(ExerciseInjectEntity)
      .createQueryBuilder('i')
      .where(`i.exercise_id = :id AND i.status = 'pending' AND i.due_scenario_ms <= :scenarioMs`, {
        id: ex.id,
        scenarioMs: ex.anchorScenarioMs,
      })
      .orderBy('i.due_scenario_ms', 'ASC')
      .addOrderBy('i.inject_id', 'ASC')
      .getMany();
    for (const p of due) {
      if (p.dueScenarioMs === null) continue;
      const outcome = await this.delivery.deliverNow({
        exerciseId: ex.id,
        injectId: p.injectId,
        teamScope: p.teamScope,
        scenarioMs: p.dueScenarioMs,
        dueAtMs: wallTimeAt(running, p.dueScenarioMs) ?? Date.now(),
        generation: null,
        actor: 'system',
      });
      await this.run.delivered(ex.id, p.injectId, outcome);
    }
  }

  /**
   * The latest wall instant, from `after` on, of a delivery of this exercise already made final
   * (`after` when there is none). A delivery records its due instant rounded to the millisecond;
   * for one made on this clock the unrounded instant is taken, rounded up, so the new anchor's
   * scenario time is never before the inject's.
   */
  private async lastRevealedInstant(m: EntityManager, ex: ExerciseEntity, after: number): Promise<number> {
    if (ex.status !== 'running') return after;
    const rows = await m
      .createQueryBuilder(ExerciseInjectEntity, 'i')
      .select(['i.deliveredAtMs', 'i.dueScenarioMs'])
      .where(`i.exercise_id = :id AND i.status = 'delivered' AND i.delivered_at_ms >= :after`, {
        id: ex.id,
        after: Math.floor(after),
      })
      .getMany();
    const anchor = anchorOf(ex);
    let latest = after;
    for (const r of rows) {
      if (r.deliveredAtMs === null) continue;
      const due = r.dueScenarioMs === null ? null : wallTimeAt(anchor, r.dueScenarioMs);
      // a delivery at its own instant on this clock (fire-now and late ones record when they went out)
      const instant =
        due !== null && Math.abs(due - r.deliveredAtMs) <= 0.5 ? Math.max(due, r.deliveredAtMs) : r.deliveredAtMs;
      latest = Math.max(latest, instant);
    }
    return latest > after ? Math.ceil(latest) : after;
  }

  /** After the change committed and the deliveries were rescheduled: players and the control room re-anchor. */
  private announceClock(change: ClockChangeKind, ex: ExerciseEntity): void {
    const v = clockView(ex);
    this.bus.announce('clock.changed', {
      change,
      clock: {
        exerciseId: ex.id,
        status: v.status,
        speed: v.speed,
        anchorScenarioMs: v.anchorScenarioMs,
        anchorWallMs: v.anchorWallMs,
        serverNow: v.serverNow,
      },
    });
  }
}

function verb(type: ExerciseEventType): string {
  switch (type) {
    case 'exercise.started':
    case 'exercise.start-scheduled':
      return 'start';
    case 'exercise.paused':
      return 'pause';
    case 'exercise.resumed':
      return 'resume';
    case 'exercise.speed-changed':
      return 'change the speed of';
    case 'exercise.ended':
      return 'end';
    default:
      return 'change';
  }
}

/** the same step seen by another process of the deployment: within this long, and this close in size */
const CLOCK_STEP_SEEN_WITHIN_MS = 60_000;
const CLOCK_STEP_SAME_WITHIN_MS = 50;

class AlreadyReanchored extends Error {}
