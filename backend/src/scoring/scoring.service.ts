import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { injectTranslations, sourceLanguage } from '../scenarios/pack/pack-translations.js';
import { participantLanguages, teamLanguages, writtenLanguage } from '../exercises/participant-languages.js';
import { chunks } from '../common/chunks.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { ReadDatabase } from '../database/read-database.js';
import { type Inserts, Transactions } from '../database/transactions.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseEventEntity, type ExerciseEventType } from '../exercises/exercise-event.entity.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { type ExercisePlan, ExercisePlans } from '../exercises/exercise-plan.js';
import { EXERCISE_STATE, ExerciseEntity, type ExerciseState } from '../exercises/exercise.entity.js';
import { ResponseEntity } from '../responses/response.entities.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { scoreItemsIn, withTeamWording } from './score-language.js';
import { ScoreCellEntity } from './score-cell.entity.js';
import { ScoreDirtyEntity } from './score-dirty.entity.js';
import {
  actionsFor,
  type ScoreCell,
  concerns,
  type ScoreItem,
  scoreAll,
  scoreCell,
  SCORING_EVENT_TYPES,
  type ScoringEvent,
} from './score-rules.js';
import type { ObjectiveRatingView, Rating, TeamScore } from './score-views.js';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** other processes' leftovers (a crash between a change and its flush) are polled for this often, at least */
const POLL_MS = 1000;
/** dirty rows per flush transaction */
const FLUSH_BATCH = 2000;

/**
 * Scores: live cells (one per team and inject) kept up to date from the event log, and a full
 * recomputation from the log with the same rules; the two must always agree.
 *
 * A change marks its cells dirty in the transaction that logs it (`markDirty`); a flush shortly
 * after recomputes every dirty cell in one transaction, off the request path. Every read of the
 * cells flushes first, so nobody reads a stale cell, and dirty marks outlive a crash.
 */
@Injectable()
export class ScoringService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ScoringService.name);
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: ReadDatabase,
    private readonly bus: DomainEvents,
  ) {}

  onModuleInit(): void {
    // a change marks its cells in the transaction that logs it; the flush follows its commit
    this.bus.on('response.logged', (e) => this.addDirtyRows(e.write, e.exerciseId, e.injectId, [e.teamId]));
    this.bus.on('response.edited', (e) => this.addDirtyRows(e.write, e.exerciseId, e.injectId, [e.teamId]));
    this.bus.on('response.saved', () => {
      this.flushSoon();
    });
    this.bus.on('inject.revealed', (e) => this.addDirtyRows(e.write, e.exerciseId, e.injectId, e.teamIds));
    this.bus.on('inject.delivered', (e) => {
      if (e.teamIds.length > 0) this.flushSoon();
    });
    this.poller = setInterval(() => this.flushInBackground(), Math.max(POLL_MS, 20 * this.config.scoreFlushDelayMs));
    this.poller.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    if (this.timer) clearTimeout(this.timer);
    await (this.queued ?? this.running)?.catch(() => undefined);
  }

  /** Queue these teams' cells on this inject for recomputation, inside the caller's transaction. */
  async markDirty(m: EntityManager, exerciseId: string, injectId: string, teamIds: string[]): Promise<void> {
    if (teamIds.length === 0) return;
    for (const part of chunks(teamIds))
      await m.getRepository(ScoreDirtyEntity).insert(this.dirtyRows(exerciseId, injectId, part));
    this.flushSoon();
  }

  /** The marks `markDirty` writes, added to a write that another domain is making (see `onModuleInit`). */
  private addDirtyRows(write: Inserts, exerciseId: string, injectId: string, teamIds: string[]): void {
    if (teamIds.length > 0)
      write.push({ entity: ScoreDirtyEntity, rows: this.dirtyRows(exerciseId, injectId, teamIds) });
  }

  private dirtyRows(
    exerciseId: string,
    injectId: string,
    teamIds: string[],
  ): Pick<ScoreDirtyEntity, 'exerciseId' | 'teamId' | 'injectId'>[] {
    return teamIds.map((teamId) => ({ exerciseId, teamId, injectId }));
  }

  /** Recompute these cells now (an evaluator's action answers with the new score). */
  async refresh(exerciseId: string, injectId: string, teamIds: string[]): Promise<void> {
    if (teamIds.length === 0) return;
    await this.tx.run((m) => this.markDirty(m, exerciseId, injectId, teamIds));
    await this.flush();
  }

  /**
   * Recompute every cell marked dirty before this call. One flush runs at a time in a process; a
   * caller arriving during one waits for the next, which starts after it and sees the caller's marks.
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return (this.running = this.flushAll().finally(() => (this.running = null)));
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return (this.running = this.flushAll().finally(() => (this.running = null)));
      });
    return this.queued;
  }

  /** Flush shortly (the cells were marked dirty by someone else's transaction). */
  flushSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushInBackground();
    }, this.config.scoreFlushDelayMs);
    this.timer.unref();
  }

  private flushInBackground(): void {
    if (this.running || this.queued) return;
    this.flush().catch((e: unknown) =>
      this.logger.warn(`score refresh failed, will retry: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  private async flushAll(): Promise<void> {
    for (;;) {
      // a plain read first: an idle poll never queues behind the writers
      if (!(await this.db.getRepository(ScoreDirtyEntity).exists())) return;
      const { changed, full } = await this.tx.run((m) => this.flushBatch(m));
      for (const key of changed) {
        const [exerciseId = '', teamId = ''] = key.split('/');
        this.bus.announce('score.changed', { exerciseId, teamId });
      }
      if (!full) return;
    }
  }

  private async flushBatch(m: EntityManager): Promise<{ changed: Set<string>; full: boolean }> {
    const rows = await m.getRepository(ScoreDirtyEntity).find({ order: { id: 'ASC' }, take: FLUSH_BATCH });
    const work = new Map<string, Map<string, Set<string>>>();
    for (const r of rows) {
      const injects = work.get(r.exerciseId) ?? new Map<string, Set<string>>();
      work.set(r.exerciseId, injects);
      const teams = injects.get(r.injectId) ?? new Set<string>();
      injects.set(r.injectId, teams);
      teams.add(r.teamId);
    }
    const cells: ScoreCellEntity[] = [];
    const now = Date.now();
    for (const exerciseId of [...work.keys()].sort()) {
      // PostgreSQL: flushes of one exercise in several processes take turns, so the last cell
      // written was always computed from a log read after the previous one committed
      if (this.db.options.type === 'postgres')
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [exerciseId]);
      const plan = await this.plans.get(exerciseId).catch(() => null);
      if (!plan) continue;
      const injects = work.get(exerciseId) ?? new Map<string, Set<string>>();
      const wanted = new Map([...injects].map(([injectId, teams]) => [injectId, [...teams]]));
      // one read of the log for every dirty cell of this exercise, split by inject afterwards
      const byInject = new Map<string, ScoringEvent[]>();
      for (const e of await this.events.aboutInjects(m, exerciseId, wanted, SCORING_EVENT_TYPES)) {
        const list = byInject.get(e.injectId ?? '') ?? [];
        list.push(toScoringEvent(e));
        byInject.set(e.injectId ?? '', list);
      }
      for (const [injectId, teamIds] of wanted) {
        const inject =
          plan.injects.get(injectId) ?? (await this.plans.inject(exerciseId, injectId).catch(() => null))?.inject;
        if (!inject) continue;
        const log = byInject.get(injectId) ?? [];
        for (const teamId of teamIds) {
          const cell = scoreCell(
            inject,
            plan.scoring,
            teamId,
            log.filter((e) => concerns(e, teamId, injectId)),
            keyOf(plan, teamId),
          );
          cells.push({
            exerciseId,
            teamId,
            injectId,
            points: cell.points,
            max: cell.max,
            items: cell.items,
            updatedAtMs: now,
          });
        }
      }
    }
    for (const part of chunks(cells)) {
      await m
        .createQueryBuilder()
        .insert()
        .into(ScoreCellEntity)
        .values(part)
        .orUpdate(['points', 'max', 'items', 'updated_at_ms'], ['exercise_id', 'team_id', 'inject_id'])
        .updateEntity(false)
        .execute();
    }
    for (const part of chunks(rows.map((r) => r.id))) await m.getRepository(ScoreDirtyEntity).delete({ id: In(part) });
    return { changed: new Set(cells.map((c) => `${c.exerciseId}/${c.teamId}`)), full: rows.length === FLUSH_BATCH };
  }

  /** Live totals, from the cells. */
  async breakdown(exerciseId: string): Promise<TeamScore[]> {
    await this.flush();
    return this.byTeam(exerciseId, await this.cellsOf(exerciseId));
  }

  /**
   * The breakdown for staff reading in `language` (their interface language): an option named and a
   * distractor's why in that language where the pack translates them, the source's otherwise, and
   * beside a distractor line the words of each other language the team's players read in.
   */
  async forStaff(
    exerciseId: string,
    opts: { recompute: boolean; language?: string | undefined },
  ): Promise<TeamScore[]> {
    const scores = opts.recompute ? await this.recompute(exerciseId) : await this.breakdown(exerciseId);
    const { languages } = await this.plans.get(exerciseId);
    const source = sourceLanguage(languages);
    const reader = opts.language ?? source;
    const byTeam = await teamLanguages(this.reads.db, exerciseId, source);
    return scores.map((s) => ({
      ...s,
      items: withTeamWording(s.items, languages, reader, byTeam.get(s.teamId) ?? []),
    }));
  }

  /** The same totals rebuilt from nothing but the event log and the snapshot. */
  async recompute(exerciseId: string): Promise<TeamScore[]> {
    const plan = await this.plans.get(exerciseId);
    const log = (
      await this.events.ofType(this.db.manager, exerciseId, ...(SCORING_EVENT_TYPES as unknown as ExerciseEventType[]))
    ).map(toScoringEvent);
    const cells = scoreAll(
      plan.injects,
      plan.scoring,
      plan.teams.map((t) => t.id),
      log,
      new Map(plan.teams.map((t) => [t.id, t.teamKey])),
    );
    return this.byTeam(exerciseId, cells);
  }

  async evaluate(
    by: UserPrincipal,
    exerciseId: string,
    input: { teamId: string; injectId: string; expectedActionId: string; met: boolean; reason: string },
  ) {
    const { inject, teamKey } = await this.checkTarget(exerciseId, input.teamId, input.injectId);
    if (!inject.expectedActions.some((a) => a.id === input.expectedActionId))
      throw badInput(
        'evaluation.unknown-action',
        `expectedActionId: inject "${input.injectId}" has no expected action "${input.expectedActionId}"`,
      );
    const action = inject.expectedActions.find((a) => a.id === input.expectedActionId);
    if (action?.teams && !action.teams.includes(teamKey))
      throw badInput(
        'evaluation.not-for-team',
        `expectedActionId: "${input.expectedActionId}" is expected of ${action.teams.join(', ')}, not of team "${teamKey}"`,
      );
    await this.log(by, exerciseId, 'evaluation.recorded', { ...input }, input.injectId);
    return this.teamScore(exerciseId, input.teamId);
  }

  async adjust(
    by: UserPrincipal,
    exerciseId: string,
    input: { teamId: string; injectId: string; points: number; reason: string },
  ) {
    await this.checkTarget(exerciseId, input.teamId, input.injectId);
    await this.log(by, exerciseId, 'score.adjusted', { ...input }, input.injectId);
    return this.teamScore(exerciseId, input.teamId);
  }

  /** HSEEP rating of one team on one objective, with the evaluator's observations. */
  async rate(
    by: UserPrincipal,
    exerciseId: string,
    input: { teamId: string; objectiveId: string; rating: Rating; observations: string },
  ) {
    const plan = await this.plans.get(exerciseId);
    if (!plan.teams.some((t) => t.id === input.teamId))
      throw badInput('rating.unknown-team', `teamId: no team "${input.teamId}" in this exercise`);
    if (!plan.objectiveIds.has(input.objectiveId))
      throw badInput('rating.unknown-objective', `objectiveId: no objective "${input.objectiveId}" in this exercise`);
    await this.log(by, exerciseId, 'objective.rated', { ...input, evaluator: by.username });
    return this.ratings(exerciseId);
  }

  /** The latest rating per team and objective. */
  async ratings(exerciseId: string): Promise<ObjectiveRatingView[]> {
    const events = await this.events.ofType(this.db.manager, exerciseId, 'objective.rated');
    const latest = new Map<string, ExerciseEventEntity>();
    for (const e of events) latest.set(`${String(e.payload.teamId)}/${String(e.payload.objectiveId)}`, e);
    return [...latest.values()].map(
      (e) =>
        ({
          teamId: e.payload.teamId,
          objectiveId: e.payload.objectiveId,
          rating: e.payload.rating,
          observations: e.payload.observations,
          evaluator: e.payload.evaluator,
          at: e.atMs,
        }) as ObjectiveRatingView,
    );
  }

  /**
   * Responses no evaluator has looked at since they were last written, oldest first: the first
   * `limit` of them (of one team, or of all), how many wait in all and per team. A national drill
   * logs tens of thousands; the evaluator works through a page at a time.
   */
  async queue(exerciseId: string, opts: { teamId?: string | undefined; limit: number }) {
    const plan = await this.plans.get(exerciseId);
    // waiting: written after the last evaluation or adjustment of its team's cell on its inject;
    // worked out by the database (tens of thousands of responses never cross into JavaScript)
    const waiting = () =>
      this.reads.db
        .createQueryBuilder()
        .from(ResponseEntity, 'r')
        .leftJoin(
          (q) =>
            q
              .select(['e.team_id AS team_id', 'e.inject_id AS inject_id', 'MAX(e.at_ms) AS at_ms'])
              .from(ExerciseEventEntity, 'e')
              .where('e.exercise_id = :exerciseId AND e.type IN (:...looks)')
              .groupBy('e.team_id')
              .addGroupBy('e.inject_id'),
          'l',
          'l.team_id = r.team_id AND l.inject_id = r.inject_id',
        )
        .where('r.exercise_id = :exerciseId', { exerciseId, looks: ['evaluation.recorded', 'score.adjusted'] })
        .andWhere('r.updated_at_ms > COALESCE(l.at_ms, 0)');
    const counts = await waiting()
      .select('r.team_id', 'team_id')
      .addSelect('COUNT(*)', 'n')
      .groupBy('r.team_id')
      .getRawMany<{ team_id: string; n: number | string }>();
    const byTeam: Record<string, number> = Object.fromEntries(counts.map((c) => [c.team_id, Number(c.n)]));
    const page = waiting()
      .select('r.id', 'id')
      .orderBy('r.created_at_ms', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(opts.limit);
    if (opts.teamId) page.andWhere('r.team_id = :teamId', { teamId: opts.teamId });
    const pageIds = (await page.getRawMany<{ id: string }>()).map((r) => r.id);
    const rows = new Map<string, ResponseEntity>();
    for (const part of chunks(pageIds))
      for (const r of await this.reads.db.getRepository(ResponseEntity).findBy({ id: In(part) })) rows.set(r.id, r);
    await this.flush();
    const cells = new Map((await this.cellsOf(exerciseId)).map((c) => [`${c.teamId}/${c.injectId}`, c]));
    const teamNames = new Map(plan.teams.map((t) => [t.id, t.name]));
    const languages = await participantLanguages(
      this.reads.db,
      [...rows.values()].map((r) => r.authorId),
    );
    const items = pageIds.flatMap((id) => {
      const r = rows.get(id);
      if (!r) return [];
      const inject = plan.injects.get(r.injectId);
      return [
        {
          // the language the author read the inject in (the text is stored as written)
          response: {
            id: r.id,
            teamId: r.teamId,
            teamName: teamNames.get(r.teamId) ?? '',
            injectId: r.injectId,
            authorName: r.authorName,
            authorLanguage: languages.get(r.authorId) ?? sourceLanguage(plan.languages),
            text: r.text,
            optionIds: r.optionIds,
            updatedAt: r.updatedAtMs,
            scenarioMs: r.scenarioMs,
          },
          // the source above; `translations` beside it, by language, for reviewing answers given in another language
          inject: inject
            ? {
                id: inject.id,
                subject: inject.subject,
                responseOptions: inject.responseOptions,
                expectedActions: actionsFor(inject, keyOf(plan, r.teamId)),
                respondWithin: inject.respondWithin ?? null,
                sourceLanguage: sourceLanguage(plan.languages),
                translations: injectTranslations(plan.languages, inject.id),
              }
            : null,
          cell: cells.get(`${r.teamId}/${r.injectId}`) ?? null,
        },
      ];
    });
    return { total: Object.values(byTeam).reduce((a, b) => a + b, 0), byTeam, items };
  }

  /**
   * What a team may see: its own breakdown once the exercise ended (if allowed), with a distractor's
   * why in the player's language, and the leaderboard if on.
   */
  async forTeam(p: ParticipantPrincipal) {
    const ex = await this.exercise(p.exerciseId);
    const all = await this.breakdown(p.exerciseId);
    const own = ex.scoresVisible && ex.status === 'ended' ? (all.find((t) => t.teamId === p.teamId) ?? null) : null;
    const language = own ? await writtenLanguage(this.db, p.participantId) : null;
    return {
      own:
        own && language
          ? { ...own, items: scoreItemsIn(own.items, (await this.plans.get(p.exerciseId)).languages, language) }
          : own,
      leaderboard: ex.leaderboard
        ? all.map((t) => ({ teamName: t.teamName, total: t.total, max: t.max })).sort((a, b) => b.total - a.total)
        : null,
    };
  }

  async settings(
    by: UserPrincipal,
    exerciseId: string,
    input: { scoresVisible?: boolean | undefined; leaderboard?: boolean | undefined },
  ) {
    await this.exercise(exerciseId);
    const patch = {
      ...(input.scoresVisible !== undefined ? { scoresVisible: input.scoresVisible } : {}),
      ...(input.leaderboard !== undefined ? { leaderboard: input.leaderboard } : {}),
    };
    if (Object.keys(patch).length === 0) throw badInput('settings.empty', 'set scoresVisible or leaderboard');
    await this.tx.run(async (m) => {
      await m.getRepository(ExerciseEntity).update({ id: exerciseId }, patch);
      await this.events.append(m, {
        exerciseId,
        type: 'settings.changed',
        scenarioMs: null,
        actor: actorOf(by),
        payload: patch,
      });
    });
    this.bus.announce('score.visibility-changed', { exerciseId, patch });
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
    const team = plan.teams.find((t) => t.id === teamId);
    if (!team) throw badInput('evaluation.unknown-team', `teamId: no team "${teamId}" in this exercise`);
    return { inject, teamKey: team.teamKey };
  }

  /** Log an evaluator's event; one about a team's inject marks that cell dirty in the same transaction. */
  private async log(
    by: UserPrincipal,
    exerciseId: string,
    type: ExerciseEventType,
    payload: Record<string, unknown>,
    scoredInject?: string,
  ): Promise<void> {
    const ex = await this.exercise(exerciseId);
    await this.tx.run(async (m) => {
      await this.events.append(m, {
        exerciseId,
        type,
        scenarioMs: ex.status === 'draft' ? null : Math.round(scenarioNow(anchorOf(ex), Date.now())),
        actor: actorOf(by),
        payload,
      });
      if (scoredInject && typeof payload.teamId === 'string')
        await this.markDirty(m, exerciseId, scoredInject, [payload.teamId]);
    });
  }

  /** An exercise's cells by inject, as plain rows (thousands of them in a large drill: no entity hydration). */
  private async cellsOf(
    exerciseId: string,
  ): Promise<Pick<ScoreCell, 'teamId' | 'injectId' | 'points' | 'max' | 'items'>[]> {
    const rows = await this.reads.db
      .createQueryBuilder()
      .select([
        'c.team_id AS team_id',
        'c.inject_id AS inject_id',
        'c.points AS points',
        'c.max AS max',
        'c.items AS items',
      ])
      .from(ScoreCellEntity, 'c')
      .where('c.exercise_id = :exerciseId', { exerciseId })
      .orderBy('c.inject_id', 'ASC')
      .getRawMany<{
        team_id: string;
        inject_id: string;
        points: number | string;
        max: number | string;
        items: string;
      }>();
    return rows.map((r) => ({
      teamId: r.team_id,
      injectId: r.inject_id,
      points: Number(r.points),
      max: Number(r.max),
      items: JSON.parse(r.items) as ScoreItem[],
    }));
  }

  private async byTeam(
    exerciseId: string,
    cells: Pick<ScoreCell, 'teamId' | 'points' | 'max' | 'items'>[],
  ): Promise<TeamScore[]> {
    const plan = await this.plans.get(exerciseId);
    const byTeam = new Map<string, Pick<ScoreCell, 'teamId' | 'points' | 'max' | 'items'>[]>();
    for (const c of cells) {
      const list = byTeam.get(c.teamId) ?? [];
      list.push(c);
      byTeam.set(c.teamId, list);
    }
    return plan.teams.map((t) => {
      const mine = byTeam.get(t.id) ?? [];
      return {
        teamId: t.id,
        teamName: t.name,
        total: round1(mine.reduce((n, c) => n + c.points, 0)),
        max: round1(mine.reduce((n, c) => n + c.max, 0)),
        items: mine.flatMap((c) => c.items),
      };
    });
  }

  private async exercise(exerciseId: string): Promise<ExerciseState> {
    const ex = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ where: { id: exerciseId }, select: EXERCISE_STATE });
    if (!ex) throw notFound('exercise', exerciseId);
    return ex;
  }
}

/** A team's id in the pack (what expected actions name) from its id in the exercise. */
function keyOf(plan: ExercisePlan, teamId: string): string {
  return plan.teams.find((t) => t.id === teamId)?.teamKey ?? teamId;
}

function toScoringEvent(e: ExerciseEventEntity): ScoringEvent {
  return { id: e.id, type: e.type, atMs: e.atMs, scenarioMs: e.scenarioMs, actor: e.actor, payload: e.payload };
}
