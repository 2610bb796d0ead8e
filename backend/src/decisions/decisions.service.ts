import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { assertExerciseOpen } from '../common/exercise-open.js';
import { anonymousViewRequested } from '../common/anonymous-view.js';
import { Transactions } from '../database/transactions.js';
import { BranchReleases, type ReleasedInject } from '../delivery/branch-releases.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExercisePlans } from '../exercises/exercise-plan.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import type { Decision } from '../scenarios/pack/pack-schema.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf, SchedulerService } from '../scheduling/scheduler.service.js';
import { DecisionEntity, DecisionVoteEntity } from './decision.entities.js';
import { checkedVoteReason } from './vote-reason.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { injectTranslations, localiseInject, sourceLanguage } from '../scenarios/pack/pack-translations.js';
import type { DecisionView } from './decision-views.js';

export const BLOCKED = 'blocked';
export const TIMED_OUT = 'timed-out';

/**
 * The outcome the votes make, or null while the decision stays open. Consensus in the manner of
 * the North Atlantic Council: any block (where allowed) blocks at once; it passes only when every
 * member has voted and all who did not abstain chose the same option.
 */
export function consensusOutcome(
  decision: Pick<Decision, 'allowBlock' | 'allowAbstain'>,
  members: string[],
  votes: Map<string, string>,
): string | null {
  const cast = members.map((m) => votes.get(m));
  if (decision.allowBlock && cast.includes('block')) return BLOCKED;
  if (cast.some((c) => c === undefined)) return null;
  const choices = new Set(cast.filter((c): c is string => c !== undefined && c !== 'abstain'));
  return choices.size === 1 ? [...choices][0]! : null;
}

/** A close this writer made: its outcome and the branch injects it released. */
interface Closed {
  outcome: string;
  forced: boolean;
  released: ReleasedInject[];
}

const decisionRef = (row: DecisionEntity) => ({
  exerciseId: row.exerciseId,
  decisionId: row.decisionId,
  memberTeamIds: row.memberTeamIds,
});

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    private readonly branches: BranchReleases,
    private readonly scheduler: SchedulerService,
    private readonly bus: DomainEvents,
  ) {}

  /** A vote on its own: the same checks as a vote carried by a response. */
  async checkedVote(p: ParticipantPrincipal, decisionId: string, choice: string, reason?: string): Promise<void> {
    const row = await this.db.getRepository(DecisionEntity).findOne({
      where: [
        { exerciseId: p.exerciseId, decisionId, teamScope: '' },
        { exerciseId: p.exerciseId, decisionId, teamScope: p.teamId },
      ],
    });
    // a decision the team does not take part in answers exactly like one that does not exist:
    // its options would tell the player that other teams have received that inject
    if (!row || !row.memberTeamIds.includes(p.teamId)) throw notFound('decision', decisionId);
    const def = await this.definition(p.exerciseId, row);
    const allowed = [
      ...def.options.map((o) => o.id),
      ...(def.mode === 'consensus' && def.allowAbstain ? ['abstain'] : []),
      ...(def.mode === 'consensus' && def.allowBlock ? ['block'] : []),
    ];
    if (!allowed.includes(choice)) throw badInput('vote.bad-choice', `choice: must be one of ${allowed.join(', ')}`);
    await this.vote(p, decisionId, choice, checkedVoteReason(choice, reason, 'reason'));
  }

  /** A team's vote (the latest replaces the earlier one while the decision is open); `reason` already checked (checkedVoteReason). */
  async vote(p: ParticipantPrincipal, decisionId: string, choice: string, reason: string | null): Promise<void> {
    const row = await this.db.getRepository(DecisionEntity).findOne({
      where: [
        { exerciseId: p.exerciseId, decisionId, teamScope: '' },
        { exerciseId: p.exerciseId, decisionId, teamScope: p.teamId },
      ],
    });
    if (!row || !row.memberTeamIds.includes(p.teamId)) throw notFound('decision', decisionId);
    if (row.status !== 'open')
      throw conflict('decision.closed', `The decision is already closed (${row.outcome ?? 'no outcome'})`);
    const closed = await this.tx.run(async (m) => {
      await assertExerciseOpen(m, p.exerciseId, 'votes');
      const fresh = await m.getRepository(DecisionEntity).findOneByOrFail({ id: row.id });
      if (fresh.status !== 'open')
        throw conflict('decision.closed', `The decision is already closed (${fresh.outcome ?? 'no outcome'})`);
      const scenarioMs = await this.scenarioNow(m, p.exerciseId);
      await m.getRepository(DecisionVoteEntity).delete({ exerciseId: p.exerciseId, decisionId, teamId: p.teamId });
      await m.getRepository(DecisionVoteEntity).insert({
        id: randomUUID(),
        exerciseId: p.exerciseId,
        decisionId,
        teamId: p.teamId,
        choice,
        reason,
        participantId: p.participantId,
        participantName: p.displayName,
        atMs: Date.now(),
        scenarioMs,
      });
      await this.events.append(m, {
        exerciseId: p.exerciseId,
        type: 'decision.vote',
        scenarioMs,
        actor: `participant:${p.participantId}`,
        payload: {
          decisionId,
          teamId: p.teamId,
          choice,
          ...(reason ? { reason } : {}),
          participantId: p.participantId,
        },
      });
      const outcome =
        fresh.mode === 'team'
          ? choice
          : consensusOutcome(
              await this.definition(p.exerciseId, fresh),
              fresh.memberTeamIds,
              await this.votes(m, fresh),
            );
      return outcome === null ? null : this.close(m, fresh, outcome, 'system', false, scenarioMs);
    });
    // closed by this vote, or only voted (also when another writer closed it a moment earlier: the vote was still recorded)
    if (closed) await this.afterClose(row, closed);
    else this.bus.announce('decision.voted', { ...decisionRef(row), teamId: p.teamId });
  }

  /** Deadline job: a decision still open when its time comes has timed out. */
  async deadlineReached(exerciseId: string, decisionRowId: string, generation: number): Promise<void> {
    const row = await this.db.getRepository(DecisionEntity).findOneBy({ id: decisionRowId, exerciseId });
    if (!row) return;
    const closed = await this.tx.run(async (m) => {
      const live = await m.getRepository(ExerciseEntity).existsBy({ id: exerciseId, generation });
      const fresh = await m.getRepository(DecisionEntity).findOneByOrFail({ id: decisionRowId });
      if (!live || fresh.status !== 'open') return null;
      // an extension moved the deadline after this job was scheduled: its own job will come
      if ((await this.scenarioNow(m, exerciseId)) + 5 < fresh.deadlineScenarioMs) return null;
      return this.close(m, fresh, TIMED_OUT, 'system', false, fresh.deadlineScenarioMs);
    });
    if (closed) await this.afterClose(row, closed);
  }

  async extend(
    by: UserPrincipal,
    exerciseId: string,
    decisionRowId: string,
    deadlineScenarioMs: number,
  ): Promise<DecisionView> {
    const row = await this.row(exerciseId, decisionRowId);
    if (row.status !== 'open') throw conflict('decision.closed', 'Only an open decision can be extended');
    if (deadlineScenarioMs <= row.deadlineScenarioMs)
      throw badInput('decision.deadline', 'deadlineScenarioMs: must be later than the current deadline');
    await this.tx.run(async (m) => {
      await assertExerciseOpen(m, exerciseId, 'decisions');
      await m.getRepository(DecisionEntity).update({ id: row.id }, { deadlineScenarioMs });
      await this.events.append(m, {
        exerciseId,
        type: 'decision.extended',
        scenarioMs: await this.scenarioNow(m, exerciseId),
        actor: actorOf(by),
        payload: { decisionId: row.decisionId, teamScope: row.teamScope || null, deadlineScenarioMs },
      });
    });
    const ex = await this.db.getRepository(ExerciseEntity).findOneByOrFail({ id: exerciseId });
    // the old deadline job still fires, finds the deadline moved and does nothing (see close)
    if (ex.status === 'running') await this.scheduler.scheduleDeadlines(ex, [{ id: row.id, deadlineScenarioMs }]);
    // the control room, and the member teams, who show the deadline too ("Vote by …")
    this.bus.announce('decision.extended', { ...decisionRef(row), deadlineScenarioMs });
    return (await this.list(exerciseId)).find((d) => d.id === row.id) as DecisionView;
  }

  /** A facilitator settles a decision (logged as forced). */
  async force(by: UserPrincipal, exerciseId: string, decisionRowId: string, outcome: string): Promise<DecisionView> {
    const row = await this.row(exerciseId, decisionRowId);
    const def = await this.definition(exerciseId, row);
    const allowed = [...def.options.map((o) => o.id), BLOCKED, TIMED_OUT];
    if (!allowed.includes(outcome)) throw badInput('decision.outcome', `outcome: must be one of ${allowed.join(', ')}`);
    const closed = await this.tx.run(async (m) => {
      // no branch inject released into an ended exercise, not even by a facilitator
      await assertExerciseOpen(m, exerciseId, 'decisions');
      const fresh = await m.getRepository(DecisionEntity).findOneByOrFail({ id: row.id });
      if (fresh.status !== 'open')
        throw conflict('decision.closed', `The decision is already closed (${fresh.outcome ?? ''})`);
      return this.close(m, fresh, outcome, actorOf(by), true, await this.scenarioNow(m, exerciseId));
    });
    if (closed) await this.afterClose(row, closed);
    return (await this.list(exerciseId)).find((d) => d.id === row.id) as DecisionView;
  }

  async list(exerciseId: string): Promise<DecisionView[]> {
    const rows = await this.db
      .getRepository(DecisionEntity)
      .find({ where: { exerciseId }, order: { openedScenarioMs: 'ASC', decisionId: 'ASC', teamScope: 'ASC' } });
    const votes = await this.db
      .getRepository(DecisionVoteEntity)
      .find({ where: { exerciseId }, order: { atMs: 'ASC' } });
    const views: DecisionView[] = [];
    const plan = await this.plans.get(exerciseId);
    for (const r of rows) {
      const def = await this.definition(exerciseId, r);
      views.push({
        id: r.id,
        decisionId: r.decisionId,
        injectId: r.injectId,
        question: def.question,
        mode: r.mode,
        options: def.options,
        memberTeamIds: r.memberTeamIds,
        status: r.status,
        outcome: r.outcome,
        forced: r.forced,
        deadlineScenarioMs: r.deadlineScenarioMs,
        votes: votes
          .filter((v) => v.decisionId === r.decisionId && r.memberTeamIds.includes(v.teamId))
          .map((v) => ({
            teamId: v.teamId,
            choice: v.choice,
            reason: v.reason ?? null,
            at: v.atMs,
            participantName: v.participantName,
          })),
        translations: Object.fromEntries(
          Object.entries(injectTranslations(plan.languages, r.injectId)).flatMap(([lang, t]) =>
            t.decision ? [[lang, t.decision]] : [],
          ),
        ),
      });
    }
    return views;
  }

  /** Staff view; observers see no player names when the instructor chose so. */
  async listFor(viewer: UserPrincipal, exerciseId: string): Promise<DecisionView[]> {
    const views = await this.list(exerciseId);
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    if ((viewer.role !== 'observer' || !ex.observerAnonymous) && !anonymousViewRequested()) return views;
    return views.map((d) => ({ ...d, votes: d.votes.map((v) => ({ ...v, participantName: 'A team member' })) }));
  }

  /**
   * A player's view: the decisions their team takes part in, with only their own team's vote, in
   * the player's language (`content` names what is shown in the source language for want of a translation).
   */
  async forTeam(p: ParticipantPrincipal) {
    const plan = await this.plans.get(p.exerciseId);
    const row = await this.db
      .getRepository(ParticipantEntity)
      .findOne({ select: { id: true, language: true }, where: { id: p.participantId } });
    const language = row?.language ?? sourceLanguage(plan.languages);
    return (await this.list(p.exerciseId))
      .filter((d) => d.memberTeamIds.includes(p.teamId))
      .map(({ votes, memberTeamIds, translations: _staffOnly, ...d }) => {
        const inject = plan.injects.get(d.injectId);
        const local = inject?.decision ? localiseInject(inject, plan.languages, language) : undefined;
        const decision = local?.inject.decision;
        const untranslated = local ? local.content.untranslated.filter((f) => f.startsWith('decision.')) : [];
        return {
          ...d,
          question: decision?.question ?? d.question,
          options: decision?.options ?? d.options,
          content: {
            language: local && untranslated.length < 1 + d.options.length ? language : sourceLanguage(plan.languages),
            untranslated,
          },
          members: memberTeamIds.length,
          myVote: votes.find((v) => v.teamId === p.teamId) ?? null,
        };
      });
  }

  /** Reschedule open deadlines on the exercise's current clock generation (start, resume, speed, boot). */
  async scheduleOpenDeadlines(ex: ExerciseEntity): Promise<void> {
    const open = await this.db.getRepository(DecisionEntity).find({ where: { exerciseId: ex.id, status: 'open' } });
    await this.scheduler.scheduleDeadlines(ex, open);
  }

  private async close(
    m: EntityManager,
    row: DecisionEntity,
    outcome: string,
    actor: string,
    forced: boolean,
    scenarioMs: number,
  ): Promise<Closed | null> {
    const q = m
      .createQueryBuilder()
      .update(DecisionEntity)
      .set({ status: 'closed', outcome, closedAtMs: Date.now(), forced })
      .where(`id = :id AND status = 'open'`, { id: row.id });
    // a timeout only counts against the current deadline (an extension makes the old job a no-op)
    if (outcome === TIMED_OUT && !forced) q.andWhere('deadline_scenario_ms <= :scenarioMs', { scenarioMs });
    const r = await q.execute();
    // another writer closed it first (it announces the close)
    if (!r.affected) return null;
    await this.events.append(m, {
      exerciseId: row.exerciseId,
      type: 'decision.closed',
      scenarioMs,
      actor,
      payload: { decisionId: row.decisionId, outcome, teamId: row.teamScope || null, forced },
    });
    const plan = await this.plans.get(row.exerciseId);
    // a consensus releases its branch to the branch's own targets; a team decision to that team only
    const released = await this.branches.release(
      m,
      row.exerciseId,
      plan.injects.values(),
      { type: 'decision-outcome', decisionId: row.decisionId, outcome },
      row.teamScope,
      scenarioMs,
    );
    return { outcome, forced, released };
  }

  /** After the close committed: its branches are scheduled, then the close is announced. */
  private async afterClose(row: DecisionEntity, closed: Closed): Promise<void> {
    if (closed.released.length > 0)
      await this.bus.emit('branches.released', { exerciseId: row.exerciseId, released: closed.released });
    this.bus.announce('decision.closed', { ...decisionRef(row), outcome: closed.outcome, forced: closed.forced });
  }

  private async votes(m: EntityManager, row: DecisionEntity): Promise<Map<string, string>> {
    const votes = await m
      .getRepository(DecisionVoteEntity)
      .findBy({ exerciseId: row.exerciseId, decisionId: row.decisionId });
    return new Map(votes.map((v) => [v.teamId, v.choice]));
  }

  private async definition(exerciseId: string, row: DecisionEntity): Promise<Decision> {
    const { inject } = await this.plans.inject(exerciseId, row.injectId);
    if (!inject?.decision) throw notFound('decision', row.decisionId);
    return inject.decision;
  }

  private async row(exerciseId: string, id: string): Promise<DecisionEntity> {
    const row = await this.db.getRepository(DecisionEntity).findOneBy({ exerciseId, id });
    if (!row) throw notFound('decision', id);
    return row;
  }

  private async scenarioNow(m: EntityManager, exerciseId: string): Promise<number> {
    const ex = await m.getRepository(ExerciseEntity).findOneByOrFail({ id: exerciseId });
    return Math.round(scenarioNow(anchorOf(ex), Date.now()));
  }
}
