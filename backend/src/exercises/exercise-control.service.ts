import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, type UserPrincipal } from '../auth/principal.js';
import { badInput, conflict } from '../common/domain-error.js';
import { ReadDatabase } from '../database/read-database.js';
import { Transactions } from '../database/transactions.js';
import { DeliveryEntity, revealedDelivery } from '../delivery/delivery.entity.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { AcknowledgementEntity, ResponseEntity } from '../responses/response.entities.js';
import { type Channel, type Inject, parseOffsetMs } from '../scenarios/pack/pack-schema.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf, SchedulerService } from '../scheduling/scheduler.service.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExercisePlans } from './exercise-plan.js';
import { ExerciseEntity } from './exercise.entity.js';
import { TeamVisibility } from './team-visibility.js';

export interface AdhocInjectInput {
  channel: Channel;
  from: { name: string; address?: string | undefined; organisation?: string | undefined };
  subject: string;
  body: string;
  /** exercise team ids, or "all" */
  to: string[] | 'all';
  /** exercise-clock time to release it; now when omitted or already past */
  at?: number | undefined;
  respondWithin?: string | undefined;
}

/** Facilitator tools beyond the clock: ad-hoc injects, the journal, settings and the status grid. */
@Injectable()
export class ExerciseControl {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly visibility: TeamVisibility,
    private readonly plans: ExercisePlans,
    private readonly delivery: DeliveryService,
    private readonly scheduler: SchedulerService,
    private readonly events: ExerciseEvents,
    private readonly reads: ReadDatabase,
    private readonly bus: DomainEvents,
  ) {}

  /** Write a new inject during the drill and release it to chosen teams now or at a time. */
  async createAdhoc(by: UserPrincipal, exerciseId: string, input: AdhocInjectInput) {
    const ex = await this.visibility.exercise(exerciseId);
    if (ex.status !== 'running' && ex.status !== 'paused')
      throw conflict(
        'exercise.not-live',
        `Ad-hoc injects go to a running or paused exercise (this one is ${ex.status})`,
      );
    const plan = await this.plans.get(exerciseId);
    const byId = new Map(plan.teams.map((t) => [t.id, t]));
    const unknown = input.to === 'all' ? [] : input.to.filter((t) => !byId.has(t));
    if (unknown.length > 0)
      throw badInput('adhoc.unknown-team', `to: no team ${unknown.map((u) => `"${u}"`).join(', ')} in this exercise`);
    const now = Date.now();
    const nowScenario = scenarioNow(anchorOf(ex), now);
    const due = input.at === undefined || input.at <= nowScenario ? nowScenario : input.at;
    const injectId = `adhoc-${randomUUID().slice(0, 8)}`;
    const inject: Inject = {
      id: injectId,
      to: input.to === 'all' ? 'all' : input.to.map((t) => byId.get(t)?.teamKey ?? t),
      channel: input.channel,
      from: input.from,
      subject: input.subject,
      body: input.body,
      artifacts: [],
      tags: { groups: [], attack: [], disarm: [], assumed: [] },
      objectives: [],
      responseOptions: [],
      expectedActions: [],
      meta: {},
      ...(input.respondWithin ? { respondWithin: input.respondWithin } : {}),
    };
    await this.tx.run(async (m) => {
      await m.getRepository(ExerciseInjectEntity).insert({
        id: randomUUID(),
        exerciseId,
        injectId,
        status: 'pending',
        dueScenarioMs: Math.round(due),
        deliveredAtMs: null,
        adhocContent: inject,
      } as never);
      await this.events.append(m, {
        exerciseId,
        type: 'inject.adhoc-created',
        scenarioMs: nowScenario,
        actor: actorOf(by),
        payload: {
          injectId,
          subject: input.subject,
          channel: input.channel,
          to: inject.to,
          dueScenarioMs: Math.round(due),
        },
      });
    });
    if (due <= nowScenario) {
      await this.delivery.deliverNow({
        exerciseId,
        injectId,
        teamScope: '',
        scenarioMs: due,
        dueAtMs: now,
        generation: null,
        actor: actorOf(by),
      });
    } else if (ex.status === 'running') {
      await this.scheduler.scheduleInjects(ex, [{ injectId, teamScope: '', dueScenarioMs: Math.round(due) }]);
    }
    this.bus.announce('inject.adhoc-created', { exerciseId, injectId });
    return { injectId, dueScenarioMs: Math.round(due) };
  }

  async journal(by: UserPrincipal, exerciseId: string, text: string) {
    const ex = await this.visibility.exercise(exerciseId);
    const scenarioMs = ex.status === 'draft' ? null : scenarioNow(anchorOf(ex), Date.now());
    await this.tx.run((m) =>
      this.events.append(m, {
        exerciseId,
        type: 'journal.note',
        scenarioMs,
        actor: actorOf(by),
        payload: { text, author: by.username },
      }),
    );
    this.bus.announce('journal.noted', { exerciseId });
    return { ok: true };
  }

  async settings(by: UserPrincipal, exerciseId: string, input: { observerAnonymous: boolean }) {
    await this.visibility.exercise(exerciseId);
    await this.tx.run(async (m) => {
      await m
        .createQueryBuilder()
        .update(ExerciseEntity)
        .set({ observerAnonymous: input.observerAnonymous })
        .where('id = :exerciseId', { exerciseId })
        .execute();
      await this.events.append(m, {
        exerciseId,
        type: 'settings.changed',
        scenarioMs: null,
        actor: actorOf(by),
        payload: { ...input },
      });
    });
    this.bus.announce('exercise.settings-changed', { exerciseId, observerAnonymous: input.observerAnonymous });
    return input;
  }

  /** Teams × delivered injects: delivered, acknowledged, responded, overdue (on the exercise clock). */
  async statusGrid(exerciseId: string) {
    const ex = await this.visibility.exercise(exerciseId);
    const plan = await this.plans.get(exerciseId);
    const nowScenario = scenarioNow(anchorOf(ex), Date.now());
    const deliveries = await this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.exercise_id = :exerciseId', { exerciseId })
      .andWhere(revealedDelivery('d'))
      .getMany();
    // one row per team and inject, however many players acknowledged or responded
    const pairs = async (entity: typeof AcknowledgementEntity | typeof ResponseEntity) =>
      new Set(
        (
          await this.reads.db
            .createQueryBuilder()
            .select('DISTINCT x.team_id', 'team_id')
            .addSelect('x.inject_id', 'inject_id')
            .from(entity, 'x')
            .where('x.exercise_id = :exerciseId', { exerciseId })
            .getRawMany<{ team_id: string; inject_id: string }>()
        ).map((r) => `${r.team_id}/${r.inject_id}`),
      );
    const [acks, responded] = await Promise.all([pairs(AcknowledgementEntity), pairs(ResponseEntity)]);
    const injectIds = [...new Set(deliveries.sort((a, b) => a.scenarioMs - b.scenarioMs).map((d) => d.injectId))];
    const respondWithin = (id: string) => {
      const w = plan.injects.get(id)?.respondWithin;
      return w ? parseOffsetMs(`T+${w}`) : null;
    };
    return {
      teams: plan.teams.map((t) => ({ id: t.id, name: t.name })),
      injects: injectIds.map((id) => ({
        injectId: id,
        subject: plan.injects.get(id)?.subject ?? id,
        dueScenarioMs: deliveries.find((d) => d.injectId === id)?.scenarioMs ?? null,
        respondWithinMs: respondWithin(id),
      })),
      cells: deliveries.map((d) => {
        const key = `${d.teamId}/${d.injectId}`;
        const within = respondWithin(d.injectId);
        const hasResponse = responded.has(key);
        return {
          teamId: d.teamId,
          injectId: d.injectId,
          delivered: true,
          acknowledged: acks.has(key),
          responded: hasResponse,
          overdue: !hasResponse && within !== null && nowScenario > d.scenarioMs + within,
        };
      }),
    };
  }
}
