import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { ExerciseEventEntity, type ExerciseEventType } from '../exercises/exercise-event.entity.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExercisePlans } from '../exercises/exercise-plan.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { RealtimeNotifier } from '../realtime/realtime-notifier.js';
import { ResponseEntity } from '../responses/response.entities.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { ScoreCellEntity } from './score-cell.entity.js';
import { type ScoreCell, concerns, type ScoreItem, scoreAll, scoreCell, SCORING_EVENT_TYPES, type ScoringEvent } from './score-rules.js';

export interface TeamScore {
  teamId: string;
  teamName: string;
  total: number;
  max: number;
  items: ScoreItem[];
}

export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Scores: live cells (one per team and inject) refreshed whenever a scoring event is logged, and a
 * full recomputation from the event log with the same rules; the two must always agree.
 */
@Injectable()
export class ScoringService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    private readonly notifier: RealtimeNotifier,
  ) {}

  /** Recompute the live cells of these teams on this inject from the log. */
  async refresh(exerciseId: string, injectId: string, teamIds: string[]): Promise<void> {
    if (teamIds.length === 0) return;
    const { inject } = await this.plans.inject(exerciseId, injectId);
    if (!inject) return;
    const snapshot = await this.snapshotScoring(exerciseId);
    await this.tx.run(async (m) => {
      const log = (await this.events.aboutInject(m, exerciseId, injectId, ...(SCORING_EVENT_TYPES as unknown as ExerciseEventType[]))).map(toScoringEvent);
      for (const teamId of teamIds) {
        const cell = scoreCell(inject, snapshot, teamId, log.filter((e) => concerns(e, teamId, injectId)));
        await m.getRepository(ScoreCellEntity).delete({ exerciseId, teamId, injectId });
        await m.getRepository(ScoreCellEntity).insert({ exerciseId, teamId, injectId, points: cell.points, max: cell.max, items: cell.items as never, updatedAtMs: Date.now() });
      }
    });
    for (const t of teamIds) this.notifier.scoreChanged(exerciseId, t);
  }

  /** Live totals, from the cells. */
  async breakdown(exerciseId: string): Promise<TeamScore[]> {
    const cells = await this.db.getRepository(ScoreCellEntity).find({ where: { exerciseId }, order: { injectId: 'ASC' } });
    return this.byTeam(exerciseId, cells);
  }

  /** The same totals rebuilt from nothing but the event log and the snapshot. */
  async recompute(exerciseId: string): Promise<TeamScore[]> {
    const plan = await this.plans.get(exerciseId);
    const log = (await this.events.ofType(this.db.manager, exerciseId, ...(SCORING_EVENT_TYPES as unknown as ExerciseEventType[]))).map(toScoringEvent);
    const cells = scoreAll(plan.injects, await this.snapshotScoring(exerciseId), plan.teams.map((t) => t.id), log);
    return this.byTeam(exerciseId, cells);
  }

  async evaluate(by: UserPrincipal, exerciseId: string, input: { teamId: string; injectId: string; expectedActionId: string; met: boolean; reason: string }) {
    const { inject } = await this.checkTarget(exerciseId, input.teamId, input.injectId);
    if (!inject.expectedActions.some((a) => a.id === input.expectedActionId)) throw badInput('evaluation.unknown-action', `expectedActionId: inject "${input.injectId}" has no expected action "${input.expectedActionId}"`);
    await this.log(by, exerciseId, 'evaluation.recorded', { ...input });
    await this.refresh(exerciseId, input.injectId, [input.teamId]);
    return this.teamScore(exerciseId, input.teamId);
  }

  async adjust(by: UserPrincipal, exerciseId: string, input: { teamId: string; injectId: string; points: number; reason: string }) {
    await this.checkTarget(exerciseId, input.teamId, input.injectId);
    await this.log(by, exerciseId, 'score.adjusted', { ...input });
    await this.refresh(exerciseId, input.injectId, [input.teamId]);
    return this.teamScore(exerciseId, input.teamId);
  }

  /** HSEEP rating of one team on one objective, with the evaluator's observations. */
  async rate(by: UserPrincipal, exerciseId: string, input: { teamId: string; objectiveId: string; rating: Rating; observations: string }) {
    const plan = await this.plans.get(exerciseId);
    if (!plan.teams.some((t) => t.id === input.teamId)) throw badInput('rating.unknown-team', `teamId: no team "${input.teamId}" in this exercise`);
    const ex = await this.exercise(exerciseId);
    if (!ex.snapshot.objectives.some((o) => o.id === input.objectiveId)) throw badInput('rating.unknown-objective', `objectiveId: no objective "${input.objectiveId}" in this exercise`);
    await this.log(by, exerciseId, 'objective.rated', { ...input, evaluator: by.username });
    return this.ratings(exerciseId);
  }

  /** The latest rating per team and objective. */
  async ratings(exerciseId: string) {
    const events = await this.events.ofType(this.db.manager, exerciseId, 'objective.rated');
    const latest = new Map<string, ExerciseEventEntity>();
    for (const e of events) latest.set(`${String(e.payload.teamId)}/${String(e.payload.objectiveId)}`, e);
    return [...latest.values()].map((e) => ({ teamId: e.payload.teamId, objectiveId: e.payload.objectiveId, rating: e.payload.rating, observations: e.payload.observations, evaluator: e.payload.evaluator, at: e.atMs }));
  }

  /** Responses whose latest version no evaluator has looked at since it was written. */
  async queue(exerciseId: string, teamId?: string) {
    const plan = await this.plans.get(exerciseId);
    const evaluated = await this.events.ofType(this.db.manager, exerciseId, 'evaluation.recorded', 'score.adjusted');
    const lastLook = new Map<string, number>();
    for (const e of evaluated) lastLook.set(`${String(e.payload.teamId)}/${String(e.payload.injectId)}`, e.atMs);
    const responses = await this.db.getRepository(ResponseEntity).find({ where: { exerciseId, ...(teamId ? { teamId } : {}) }, order: { createdAtMs: 'ASC' } });
    const cells = await this.db.getRepository(ScoreCellEntity).findBy({ exerciseId });
    return responses
      .filter((r) => (lastLook.get(`${r.teamId}/${r.injectId}`) ?? 0) < r.updatedAtMs)
      .map((r) => {
        const inject = plan.injects.get(r.injectId);
        return {
          response: { id: r.id, teamId: r.teamId, teamName: plan.teams.find((t) => t.id === r.teamId)?.name ?? '', injectId: r.injectId, authorName: r.authorName, text: r.text, optionIds: r.optionIds, updatedAt: r.updatedAtMs },
          inject: inject ? { id: inject.id, subject: inject.subject, responseOptions: inject.responseOptions, expectedActions: inject.expectedActions, respondWithin: inject.respondWithin ?? null } : null,
          cell: cells.find((c) => c.teamId === r.teamId && c.injectId === r.injectId) ?? null,
        };
      });
  }

  /** What a team may see: its own breakdown once the exercise ended (if allowed), and the leaderboard if on. */
  async forTeam(p: ParticipantPrincipal) {
    const ex = await this.exercise(p.exerciseId);
    const all = await this.breakdown(p.exerciseId);
    return {
      own: ex.scoresVisible && ex.status === 'ended' ? (all.find((t) => t.teamId === p.teamId) ?? null) : null,
      leaderboard: ex.leaderboard ? all.map((t) => ({ teamName: t.teamName, total: t.total, max: t.max })).sort((a, b) => b.total - a.total) : null,
    };
  }

  async settings(by: UserPrincipal, exerciseId: string, input: { scoresVisible?: boolean | undefined; leaderboard?: boolean | undefined }) {
    await this.exercise(exerciseId);
    const patch = { ...(input.scoresVisible !== undefined ? { scoresVisible: input.scoresVisible } : {}), ...(input.leaderboard !== undefined ? { leaderboard: input.leaderboard } : {}) };
    if (Object.keys(patch).length === 0) throw badInput('settings.empty', 'set scoresVisible or leaderboard');
    await this.tx.run(async (m) => {
      await m.getRepository(ExerciseEntity).update({ id: exerciseId }, patch);
      await this.events.append(m, { exerciseId, type: 'settings.changed', scenarioMs: null, actor: actorOf(by), payload: patch });
    });
    this.notifier.exerciseChanged(exerciseId, 'settings.changed');
    return patch;
  }

  private async teamScore(exerciseId: string, teamId: string): Promise<TeamScore | undefined> {
    return (await this.breakdown(exerciseId)).find((t) => t.teamId === teamId);
  }

  private async checkTarget(exerciseId: string, teamId: string, injectId: string) {
    const ex = await this.exercise(exerciseId);
    if (ex.status === 'draft') throw conflict('exercise.not-started', 'Nothing to score before the exercise starts');
    const { plan, inject } = await this.plans.inject(exerciseId, injectId);
    if (!inject) throw badInput('evaluation.unknown-inject', `injectId: no inject "${injectId}" in this exercise`);
    if (!plan.teams.some((t) => t.id === teamId)) throw badInput('evaluation.unknown-team', `teamId: no team "${teamId}" in this exercise`);
    return { inject };
  }

  private async log(by: UserPrincipal, exerciseId: string, type: ExerciseEventType, payload: Record<string, unknown>): Promise<void> {
    const ex = await this.exercise(exerciseId);
    await this.tx.run((m) => this.events.append(m, { exerciseId, type, scenarioMs: ex.status === 'draft' ? null : Math.round(scenarioNow(anchorOf(ex), Date.now())), actor: actorOf(by), payload }));
  }

  private async byTeam(exerciseId: string, cells: Pick<ScoreCell, 'teamId' | 'points' | 'max' | 'items'>[]): Promise<TeamScore[]> {
    const plan = await this.plans.get(exerciseId);
    return plan.teams.map((t) => {
      const mine = cells.filter((c) => c.teamId === t.id);
      return {
        teamId: t.id,
        teamName: t.name,
        total: round1(mine.reduce((n, c) => n + c.points, 0)),
        max: round1(mine.reduce((n, c) => n + c.max, 0)),
        items: mine.flatMap((c) => c.items),
      };
    });
  }

  private async exercise(exerciseId: string): Promise<ExerciseEntity> {
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    return ex;
  }

  private async snapshotScoring(exerciseId: string) {
    return (await this.exercise(exerciseId)).snapshot.scoring;
  }
}

function toScoringEvent(e: ExerciseEventEntity): ScoringEvent {
  return { id: e.id, type: e.type, atMs: e.atMs, scenarioMs: e.scenarioMs, actor: e.actor, payload: e.payload };
}
