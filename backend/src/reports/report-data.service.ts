import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { readDeliveryTimings } from '../delivery/delivery-accuracy.js';
import { ThreadEntity, ThreadMessageEntity } from '../threads/thread.entities.js';
import { buildReport } from './report-builder.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import {
  type AfterActionReport,
  type Finding,
  HOTWASH_QUESTIONS,
  type ImprovementItem,
  type RfiRecord,
} from './report-model.js';
import { HotwashResponseEntity, ImprovementItemEntity, ReportFindingEntity } from './report.entities.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { ReadDatabase } from '../database/read-database.js';
import { num as n, type Raw, ReportEventLog, text as s } from './report-event-log.js';

import { toPlayerEdition } from './player-edition.js';
import { draftFindings } from './report-sections.js';
import { reportInLanguage, reportLanguageFor } from './report-language.js';
import { sourceLanguage } from '../scenarios/pack/pack-translations.js';
import { reportMessages, type ReportMessages } from './report-messages.js';
import type { ParticipantPrincipal } from '../auth/principal.js';

const BUILT_REPORTS_KEPT = 4;

export interface ReportRequest {
  hideNamesFor?: 'observer' | 'presentation' | undefined;
  /** build from the database alone, keeping nothing from earlier requests (a cold build) */
  fresh?: boolean | undefined;
  /** the language to read it in (checked by reportLanguageFor); absent: the pack's source */
  language?: string | undefined;
}

/** Where a report request's time went, in ms (sent as a Server-Timing header). */
export interface ReportTiming {
  /** everything read from the database, in parallel (the event log and the responses among it) */
  read: number;
  log: number;
  responses: number;
  build: number;
  serialise: number;
}

interface Built {
  stamp: string;
  report: AfterActionReport;
  /** the report serialised, once someone asked for the JSON */
  json?: Buffer;
}

export const toImprovementItem = (r: ImprovementItemEntity): ImprovementItem => ({
  id: r.id,
  position: r.position,
  issue: r.issue,
  correctiveAction: r.correctiveAction,
  capabilityElement: r.capabilityElement,
  organisation: r.organisation,
  poc: r.poc,
  startDate: r.startDate,
  completionDate: r.completionDate,
  status: r.status,
  objectiveId: r.objectiveId,
  updatedAt: r.updatedAtMs,
});

/**
 * Loads everything a report needs in a handful of queries (raw rows: entity hydration of tens of
 * thousands of events and responses would cost more than building the report) and builds it.
 */
@Injectable()
export class ReportData {
  private readonly built = new Map<string, Built>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scoring: ScoringService,
    private readonly log: ReportEventLog,
    private readonly reads: ReadDatabase,
  ) {}

  async exercise(exerciseId: string): Promise<ExerciseEntity> {
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    return ex;
  }

  async full(exerciseId: string, opts: ReportRequest = {}): Promise<AfterActionReport> {
    const { built, language, pack, events } = await this.fullBuilt(exerciseId, opts);
    return language === null ? built.report : inLanguage(built.report, pack, language, events);
  }

  /** The full report as JSON bytes: serialised once per built report, since at scale that costs as much as building it. */
  /**
   * `etag`: a final report's version (its inputs' stamp), so a reader that has it already gets 304
   * instead of megabytes; null for a live draft, which changes with the clock.
   */
  async fullJson(
    exerciseId: string,
    opts: ReportRequest = {},
  ): Promise<{ report: AfterActionReport; json: Buffer; timing: ReportTiming; etag: string | null }> {
    const timing: ReportTiming = { read: 0, log: 0, responses: 0, build: 0, serialise: 0 };
    const { built, language, pack, events } = await this.fullBuilt(exerciseId, opts, timing);
    const t0 = performance.now();
    let report = built.report;
    let json: Buffer;
    // the source-language JSON is kept with the built report; another language is serialised per request
    if (language === null) json = built.json ??= Buffer.from(JSON.stringify(built.report), 'utf8');
    else json = Buffer.from(JSON.stringify((report = inLanguage(built.report, pack, language, events))), 'utf8');
    timing.serialise = performance.now() - t0;
    const etag = built.stamp
      ? `"${createHash('sha256')
          .update(language === null ? built.stamp : `${built.stamp}|${language}`)
          .digest('base64url')
          .slice(0, 27)}"`
      : null;
    return { report, json, timing, etag };
  }

  /** `language`: null when the report is read in the pack's source language (nothing to localise). */
  private async fullBuilt(
    exerciseId: string,
    opts: ReportRequest,
    timing?: ReportTiming,
  ): Promise<{ built: Built; language: string | null; pack: ExerciseEntity['snapshot']; events: LoggedEvent[] }> {
    const ex = await this.exercise(exerciseId);
    const language = reportLanguageFor(ex.snapshot, opts.language);
    const t0 = performance.now();
    const inputs = await this.inputs(exerciseId, { ex, fresh: opts.fresh === true, timing });
    const t1 = performance.now();
    const built = this.build(inputs, hidesNames(opts.hideNamesFor, ex), opts.fresh === true);
    if (timing) Object.assign(timing, { read: t1 - t0, build: performance.now() - t1 });
    return {
      built,
      language: language === sourceLanguage(ex.snapshot) ? null : language,
      pack: ex.snapshot,
      events: inputs.events,
    };
  }

  /** A team's edition; `hideNamesFor` as for the full report (a staff preview by an observer hides player names). */
  async player(
    exerciseId: string,
    teamId: string,
    opts: Pick<ReportRequest, 'hideNamesFor'> & { language?: string } = {},
  ): Promise<AfterActionReport> {
    const ex = await this.exercise(exerciseId);
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ id: teamId, exerciseId });
    if (!team) throw notFound('team', teamId);
    const full = this.build(await this.inputs(exerciseId, { ex }), hidesNames(opts.hideNamesFor, ex), false).report;
    const scoresVisible = (ex as ExerciseEntity & { scoresVisible?: boolean }).scoresVisible === true;
    const edition = toPlayerEdition(full, teamId, { scoresVisible });
    // (a team edition carries no findings: nothing drafted to re-word)
    return opts.language
      ? reportInLanguage(edition, ex.snapshot, reportLanguageFor(ex.snapshot, opts.language))
      : edition;
  }

  /** The report's own words for a language asked for (checked; none asked: the pack's source). */
  async messagesFor(exerciseId: string, requested: string | undefined): Promise<ReportMessages> {
    return reportMessages(reportLanguageFor((await this.exercise(exerciseId)).snapshot, requested));
  }

  /** The language a player reads the scenario in (null: the pack's source). */
  async languageOf(p: ParticipantPrincipal): Promise<string | undefined> {
    const row = await this.db
      .getRepository(ParticipantEntity)
      .findOne({ select: { id: true, language: true }, where: { id: p.participantId } });
    return row?.language ?? undefined;
  }

  async inputs(
    exerciseId: string,
    opts: { ex?: ExerciseEntity; fresh?: boolean; timing?: ReportTiming | undefined } = {},
  ): Promise<ReportInputs> {
    const ex = opts.ex ?? (await this.exercise(exerciseId));
    // long reads on the read connection: a report never holds up the players' writes
    const db = this.reads.db;
    const q = () => db.createQueryBuilder();
    const [teams, participants, users, log, threads, messages, findings, plan, hotwash, scores, deliveries] =
      await Promise.all([
        db.getRepository(ExerciseTeamEntity).find({ where: { exerciseId }, order: { name: 'ASC' } }),
        db.getRepository(ParticipantEntity).find({ where: { exerciseId }, order: { createdAt: 'ASC' } }),
        db.getRepository(UserEntity).find({ select: { id: true, displayName: true } }),
        this.log.read(exerciseId, { fresh: opts.fresh === true }),
        db.getRepository(ThreadEntity).find({ where: { exerciseId }, order: { createdAtMs: 'ASC' } }),
        q()
          .select([
            'm.thread_id AS thread_id',
            'm.sender AS sender',
            'm.author_name AS author_name',
            'm.text AS text',
            'm.at_ms AS at_ms',
            'm.scenario_ms AS scenario_ms',
            'm.language AS language',
          ])
          .from(ThreadMessageEntity, 'm')
          .innerJoin(ThreadEntity, 't', 't.id = m.thread_id')
          .where('t.exercise_id = :exerciseId', { exerciseId })
          .orderBy('m.at_ms', 'ASC')
          .getRawMany<Raw>(),
        db.getRepository(ReportFindingEntity).find({ where: { exerciseId }, order: { position: 'ASC' } }),
        db
          .getRepository(ImprovementItemEntity)
          .find({ where: { exerciseId }, order: { position: 'ASC', createdAtMs: 'ASC' } }),
        db.getRepository(HotwashResponseEntity).find({ where: { exerciseId } }),
        this.scoring.breakdown(exerciseId),
        readDeliveryTimings(db, exerciseId),
      ]);
    if (opts.timing) Object.assign(opts.timing, { log: log.timing.logMs, responses: log.timing.responsesMs });
    const loggedEvents = log.events;
    const responseRecords = log.responses;
    const byThread = new Map<string, RfiRecord['messages']>();
    for (const m of messages) {
      const list = byThread.get(s(m.thread_id)) ?? [];
      list.push({
        from: m.sender === 'control' ? 'control' : 'team',
        authorName: s(m.author_name),
        text: s(m.text),
        at: n(m.at_ms),
        scenarioMs: n(m.scenario_ms),
        language: typeof m.language === 'string' ? m.language : null,
      });
      byThread.set(s(m.thread_id), list);
    }
    const rfis: RfiRecord[] = threads.map((t) => {
      const msgs = byThread.get(t.id) ?? [];
      return {
        threadId: t.id,
        teamId: t.teamId,
        subject: t.subject,
        to: t.partyName ?? 'Exercise control',
        openedScenarioMs: msgs[0]?.scenarioMs ?? null,
        messages: msgs,
      };
    });
    const saved: Finding[] = findings.map((f) => ({
      id: f.id,
      kind: f.kind,
      text: f.text,
      objectiveId: f.objectiveId,
      teamId: f.teamId,
      evidence: f.evidence,
    }));
    return {
      exercise: {
        id: ex.id,
        name: ex.name,
        status: ex.status,
        snapshot: ex.snapshot,
        startedAtMs: ex.startedAtMs,
        endedAtMs: ex.endedAtMs,
      },
      scenarioNowMs: ex.status === 'draft' || ex.status === 'scheduled' ? 0 : scenarioNow(anchorOf(ex), Date.now()),
      teams: teams.map((t) => ({ id: t.id, key: t.teamKey, name: t.name })),
      participants: participants.map((p) => ({ id: p.id, teamId: p.teamId, displayName: p.displayName })),
      users: new Map(users.map((u) => [u.id, u.displayName])),
      events: loggedEvents,
      responses: responseRecords,
      rfis,
      savedFindings: saved.length > 0 ? saved : null,
      plan: plan.map(toImprovementItem),
      hotwash: hotwash.map((h) => ({ teamId: h.teamId, ratings: h.ratings, answers: h.answers, language: h.language })),
      hotwashQuestions: HOTWASH_QUESTIONS,
      scores,
      now: Date.now(),
      lastEventId: log.lastEventId,
      deliveries,
    };
  }

  /**
   * Once an exercise has ended its report only changes with new log entries (late evaluations) or
   * edits (findings, plan, hotwash), so the built report is kept for that exact state.
   */
  private build(inputs: ReportInputs, hideNames: boolean, fresh: boolean): Built {
    if (inputs.exercise.status !== 'ended') return { stamp: '', report: buildReport(inputs, { hideNames }) };
    const stamp = JSON.stringify([
      inputs.exercise.id,
      inputs.lastEventId,
      hideNames,
      inputs.savedFindings?.map((f) => f.id) ?? null,
      inputs.plan.map((p) => [p.id, p.updatedAt]),
      inputs.hotwash.length,
      inputs.participants.length,
      inputs.rfis.reduce((a, r) => a + r.messages.length, 0),
      // a broadcast's timing is written just after it (the last one can follow the end)
      inputs.deliveries?.reduce((a, d) => a + (d.broadcastStartedAtMs ?? 0), 0) ?? 0,
    ]);
    const hit = this.built.get(inputs.exercise.id);
    // a kept report says when it was built (generatedAt): that is when its contents were read
    if (hit?.stamp === stamp && !fresh) return hit;
    const built: Built = { stamp, report: buildReport(inputs, { hideNames }) };
    this.built.delete(inputs.exercise.id);
    this.built.set(inputs.exercise.id, built);
    while (this.built.size > BUILT_REPORTS_KEPT) this.built.delete(this.built.keys().next().value ?? '');
    return built;
  }
}

/**
 * The report for readers of `language`; findings drafted by the report (none saved yet) are drafted
 * again from the localised names so their sentences are in the report's language too (the
 * improvement plan's suggestions are these drafts). Saved findings stay as their authors wrote them.
 */
function inLanguage(
  report: AfterActionReport,
  pack: ExerciseEntity['snapshot'],
  language: string,
  events: LoggedEvent[],
): AfterActionReport {
  const r = reportInLanguage(report, pack, language);
  const t = reportMessages(language);
  if (!r.findings.drafted) return r;
  const subjects = new Map(r.overview.injects.map((i) => [i.id, i.subject]));
  const drafted = draftFindings(
    r.objectives,
    r.metrics,
    events,
    new Map(r.overview.teams.map((x) => [x.id, x.name])),
    (id) => subjects.get(id) ?? id,
    t,
  );
  return {
    ...r,
    findings: {
      drafted: true,
      strengths: drafted.filter((f) => f.kind === 'strength'),
      improvements: drafted.filter((f) => f.kind === 'improvement'),
    },
  };
}

/** Player names hidden: for an observer when the exercise hides identities, and in presentation mode for anyone. */
function hidesNames(hideNamesFor: ReportRequest['hideNamesFor'], ex: ExerciseEntity): boolean {
  return hideNamesFor === 'presentation' || (hideNamesFor === 'observer' && ex.observerAnonymous);
}
