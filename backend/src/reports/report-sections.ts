import { type Inject, parseDurationMs, type ScenarioPack } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import type {
  AfterActionReport,
  CoverageRow,
  CoverageTeam,
  DeliveryAccuracySummary,
  Finding,
  FindingDraft,
  HotwashSummary,
  InjectMetrics,
  ObjectiveRatings,
  Rating,
  ReportInject,
  ReportOverview,
  ReportScores,
  ResponseRecord,
  RfiRecord,
  TeamMetrics,
  TeamScore,
  TimelineEntry,
} from './report-model.js';
import { type DeliveryTimingRow, summariseDeliveries } from '../delivery/delivery-timing.js';
import { ATTACK_GROUP_NAMES, techniqueName } from './technique-names.js';
import { packLanguages, sourceLanguage } from '../scenarios/pack/pack-translations.js';
import { REPORT_MESSAGES, type ReportMessages } from './report-messages.js';
import { ANONYMOUS, median, PairMap, round2, str } from './report-values.js';

/**
 * The after-action report's sections, each built from the inputs (and the facts read from the log)
 * by one function: report-builder.ts puts them together.
 */

type ReportTeamInput = ReportInputs['teams'][number];

/** What one pass over the event log finds: deliveries, first acknowledgements and responses, ratings, the timeline. */
export interface PlayLog {
  /** team, inject → scenario ms of its first delivery to the team */
  delivered: PairMap<number>;
  /** every delivery in log order */
  deliveredOrder: { injectId: string; teamIds: string[]; scenarioMs: number }[];
  /** first acknowledgement / response per team and inject, and whether the exercise was paused then */
  firstAck: PairMap<{ ms: number; paused: boolean }>;
  firstResponse: PairMap<{ ms: number; paused: boolean }>;
  responseCount: PairMap<number>;
  /** team, objective → the latest rating */
  ratings: PairMap<{ rating: Rating; observations: string; evaluator: string; at: number; eventId: number }>;
  timeline: TimelineEntry[];
}

/** The pack's injects, then the ad-hoc injects a facilitator wrote during the exercise. */
export function reportInjectsOf(pack: ScenarioPack, events: LoggedEvent[]): ReportInject[] {
  const known = new Set(pack.injects.map((i) => i.id));
  const reportInjects: ReportInject[] = pack.injects.map((i) => ({
    id: i.id,
    subject: i.subject,
    offset: i.offset ?? null,
    options: i.responseOptions.map((o) => ({ id: o.id, label: o.label })),
  }));
  for (const e of events) {
    const id = str(e.payload.injectId);
    if (e.type === 'inject.adhoc-created' && id && !known.has(id))
      reportInjects.push({ id, subject: str(e.payload.subject) ?? id, offset: null, options: [] });
  }
  return reportInjects;
}

/** The overview: the exercise, its pack's scope, threat actors, objectives, injects and teams. */
export function buildOverview(inp: ReportInputs, hideNames: boolean, reportInjects: ReportInject[]): ReportOverview {
  const pack = inp.exercise.snapshot;
  const membersOf = new Map<string, ReportInputs['participants']>();
  for (const p of inp.participants) membersOf.set(p.teamId, [...(membersOf.get(p.teamId) ?? []), p]);
  return {
    exerciseId: inp.exercise.id,
    name: inp.exercise.name,
    status: inp.exercise.status,
    pack: { id: pack.id, version: pack.version, title: pack.title, languages: packLanguages(pack) },
    summary: pack.summary,
    scope: {
      plannedDuration: pack.duration,
      audience: pack.audience ?? null,
      classification: pack.classification,
      phases: pack.phases.map((ph) => ({ id: ph.id, title: ph.title, start: ph.start, summary: ph.summary ?? null })),
    },
    threatActors: pack.threatActors,
    threatActorGroups: pack.threatActors.map((id) => ({ id, name: ATTACK_GROUP_NAMES[id] ?? null })),
    objectives: pack.objectives.map((o) => ({ id: o.id, text: o.text, coreCapability: o.coreCapability })),
    coreCapabilities: [...new Set(pack.objectives.map((o) => o.coreCapability))],
    injects: reportInjects,
    teams: inp.teams.map((t) => {
      const members = membersOf.get(t.id) ?? [];
      return {
        id: t.id,
        key: t.key,
        name: t.name,
        description: pack.teams.find((x) => x.id === t.key)?.description ?? null,
        participants: members.length,
        participantNames: hideNames ? [] : members.map((p) => p.displayName),
      };
    }),
    startedAt: inp.exercise.startedAtMs,
    endedAt: inp.exercise.endedAtMs,
    scenarioElapsedMs: Math.max(0, Math.round(inp.scenarioNowMs)),
  };
}

/**
 * Per-team metrics: for each delivery, the time to the first acknowledgement and response and
 * whether the response came within the inject's target (`over`: the exercise has ended, so a
 * pending answer counts as missed).
 */
export function buildMetrics(
  teams: ReportTeamInput[],
  log: PlayLog,
  injects: Map<string, Inject>,
  clock: { ended: boolean; scenarioNowMs: number },
): TeamMetrics[] {
  const respondWithin = (id: string): number | null => {
    const w = injects.get(id)?.respondWithin;
    return w ? parseDurationMs(w) : null;
  };
  const { delivered, deliveredOrder, firstAck, firstResponse, responseCount } = log;
  return teams.map((t) => {
    const perInject: InjectMetrics[] = [];
    for (const d of deliveredOrder) {
      if (!d.teamIds.includes(t.id)) continue;
      if (delivered.get(t.id, d.injectId) !== d.scenarioMs) continue;
      const ack = firstAck.get(t.id, d.injectId);
      const first = firstResponse.get(t.id, d.injectId);
      const within = respondWithin(d.injectId);
      const firstMs = first === undefined ? null : Math.max(0, first.ms - d.scenarioMs);
      let status: InjectMetrics['status'];
      if (within === null) status = 'no-target';
      else if (firstMs !== null) status = firstMs <= within ? 'on-time' : 'late';
      else status = clock.ended || clock.scenarioNowMs > d.scenarioMs + within ? 'missed' : 'pending';
      perInject.push({
        injectId: d.injectId,
        deliveredScenarioMs: d.scenarioMs,
        ackMs: ack === undefined ? null : Math.max(0, ack.ms - d.scenarioMs),
        firstResponseMs: firstMs,
        ackWhilePaused: ack?.paused ?? false,
        firstResponseWhilePaused: first?.paused ?? false,
        respondWithinMs: within,
        status,
        responses: responseCount.get(t.id, d.injectId) ?? 0,
      });
    }
    const count = (s: InjectMetrics['status']) => perInject.filter((x) => x.status === s).length;
    return {
      teamId: t.id,
      injectsDelivered: perInject.length,
      acknowledged: perInject.filter((x) => x.ackMs !== null).length,
      responded: perInject.filter((x) => x.responses > 0).length,
      responses: perInject.reduce((a, x) => a + x.responses, 0),
      // times of actions logged during a pause are not reaction times (the clock stood still): left out
      medianAckMs: median(perInject.flatMap((x) => (x.ackMs === null || x.ackWhilePaused ? [] : [x.ackMs]))),
      medianFirstResponseMs: median(
        perInject.flatMap((x) => (x.firstResponseMs === null || x.firstResponseWhilePaused ? [] : [x.firstResponseMs])),
      ),
      onTime: count('on-time'),
      late: count('late'),
      missed: count('missed'),
      pending: count('pending'),
      whilePaused: perInject.filter((x) => x.ackWhilePaused || x.firstResponseWhilePaused).length,
      perInject,
    };
  });
}

/** Scores: the scoring engine's own totals (the same engine as the live scores), rounded for readers, and their sums by objective. */
export function buildScores(pack: ScenarioPack, injects: Map<string, Inject>, engineScores: TeamScore[]): ReportScores {
  const expectedActions = pack.injects.flatMap((i) =>
    i.expectedActions.map((a) => ({ injectId: i.id, id: a.id, text: a.text, points: a.points })),
  );
  const scoreTeams: TeamScore[] = engineScores.map((t) => ({ ...t, total: round2(t.total), max: round2(t.max) }));
  // one pass over the items: team × objective sums
  const objectiveSums = new PairMap<{ points: number; max: number }>();
  for (const s of scoreTeams)
    for (const i of s.items)
      for (const o of injects.get(i.injectId)?.objectives ?? []) {
        const sum = objectiveSums.get(s.teamId, o);
        if (sum) {
          sum.points += i.points;
          sum.max += i.max;
        } else objectiveSums.set(s.teamId, o, { points: i.points, max: i.max });
      }
  const byObjective = pack.objectives.map((o) => ({
    objectiveId: o.id,
    teams: scoreTeams.map((s) => {
      const sum = objectiveSums.get(s.teamId, o.id);
      return { teamId: s.teamId, points: round2(sum?.points ?? 0), max: round2(sum?.max ?? 0) };
    }),
  }));
  return { source: 'scoring-service', expectedActions, teams: scoreTeams, byObjective };
}

/** Objectives × teams: each team's latest rating of each objective (null where none was given). */
export function buildObjectiveRatings(
  pack: ScenarioPack,
  teams: ReportTeamInput[],
  ratings: PlayLog['ratings'],
): ObjectiveRatings[] {
  return pack.objectives.map((o) => ({
    objectiveId: o.id,
    text: o.text,
    coreCapability: o.coreCapability,
    teams: teams.map((t) => {
      const r = ratings.get(t.id, o.id);
      return {
        teamId: t.id,
        rating: r?.rating ?? null,
        observations: r?.observations ?? '',
        evaluator: r?.evaluator ?? null,
        at: r?.at ?? null,
        eventId: r?.eventId ?? null,
      };
    }),
  }));
}

/** Findings: the saved ones, or drafted from the ratings, the evaluators' notes and the response times when none are saved. */
export function buildFindings(
  inp: ReportInputs,
  objectives: ObjectiveRatings[],
  metrics: TeamMetrics[],
  injects: Map<string, Inject>,
  reportInjects: ReportInject[],
): AfterActionReport['findings'] {
  const drafted = inp.savedFindings === null;
  const teamName = new Map(inp.teams.map((t) => [t.id, t.name]));
  const findings =
    inp.savedFindings ??
    draftFindings(
      objectives,
      metrics,
      inp.events,
      teamName,
      (id) => injects.get(id)?.subject ?? reportInjects.find((i) => i.id === id)?.subject ?? id,
    );
  return {
    drafted,
    strengths: findings.filter((f) => f.kind === 'strength'),
    improvements: findings.filter((f) => f.kind === 'improvement'),
  };
}

/** Requests for information, with players' names hidden when the exercise is anonymous (control's names stay). */
export function buildRfis(rfis: RfiRecord[], hideNames: boolean, source: string): RfiRecord[] {
  // a team's words carry the language they were written in (the pack's source when not recorded); control's carry none
  return rfis.map((r) => ({
    ...r,
    messages: r.messages.map((m) => ({
      ...m,
      authorName: hideNames && m.from === 'team' ? ANONYMOUS : m.authorName,
      language: m.from === 'team' ? (m.language ?? source) : null,
    })),
  }));
}

/** Logged responses, with their authors' names hidden when the exercise is anonymous. */
export function buildResponses(responses: ResponseRecord[], hideNames: boolean, source: string): ResponseRecord[] {
  // each marked with the language it was written in: the pack's source when not recorded (a player who chose none reads and writes it)
  return responses.map((r) =>
    hideNames || !r.language
      ? { ...r, authorName: hideNames ? ANONYMOUS : r.authorName, language: r.language ?? source }
      : r,
  );
}

/** The report's delivery accuracy: the same figures as the control room's (without its per-process detail). */
export function accuracyOf(rows: DeliveryTimingRow[]): DeliveryAccuracySummary {
  const a = summariseDeliveries(rows);
  return {
    broadcasts: a.broadcasts,
    startLatenessMs: a.startLatenessMs,
    endLatenessMs: a.endLatenessMs,
    lateCount: a.lateCount,
    unrecorded: a.unrecorded,
    lateAfterMs: a.lateAfterMs,
  };
}

export function buildCoverage(
  injects: Map<string, Inject>,
  metrics: TeamMetrics[],
  scores: TeamScore[],
): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  const played = new Set(metrics.flatMap((m) => m.perInject.map((x) => x.injectId)));
  for (const id of played) {
    const i = injects.get(id);
    if (!i) continue;
    const techniques: [CoverageRow['framework'], string, boolean][] = [
      ...i.tags.attack.map((t) => ['attack', t, false] as [CoverageRow['framework'], string, boolean]),
      ...i.tags.assumed.map((t) => ['attack', t, true] as [CoverageRow['framework'], string, boolean]),
      ...i.tags.disarm.map((t) => ['disarm', t, false] as [CoverageRow['framework'], string, boolean]),
    ];
    for (const [framework, techniqueId, assumed] of techniques) {
      const k = `${framework}:${techniqueId}`;
      const row = rows.get(k) ?? {
        framework,
        techniqueId,
        name: techniqueName(framework, techniqueId),
        assumed,
        injectIds: [],
        teams: [],
      };
      row.assumed = row.assumed && assumed;
      if (!row.injectIds.includes(id)) row.injectIds.push(id);
      rows.set(k, row);
    }
  }
  // one pass per team over its injects and score items, adding to every technique the inject is tagged with
  const rowsOf = new Map<string, CoverageRow[]>();
  for (const row of rows.values()) for (const id of row.injectIds) rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
  const scoreByTeam = new Map(scores.map((s) => [s.teamId, s]));
  for (const m of metrics) {
    const cells = new Map<CoverageRow, CoverageTeam>();
    const cell = (row: CoverageRow) => {
      let c = cells.get(row);
      if (!c) cells.set(row, (c = { teamId: m.teamId, delivered: 0, responded: 0, onTime: 0, points: 0, max: 0 }));
      return c;
    };
    for (const x of m.perInject)
      for (const row of rowsOf.get(x.injectId) ?? []) {
        const c = cell(row);
        c.delivered++;
        if (x.responses > 0) c.responded++;
        if (x.status === 'on-time') c.onTime++;
      }
    for (const i of scoreByTeam.get(m.teamId)?.items ?? [])
      for (const row of rowsOf.get(i.injectId) ?? []) {
        const c = cells.get(row);
        if (!c) continue;
        c.points += i.points;
        c.max += i.max;
      }
    for (const [row, c] of cells) row.teams.push({ ...c, points: round2(c.points), max: round2(c.max) });
  }
  return [...rows.values()].sort(
    (a, b) => a.framework.localeCompare(b.framework) || a.techniqueId.localeCompare(b.techniqueId),
  );
}

/**
 * Strengths and areas for improvement drafted from evaluator notes and the measured response times,
 * each worded in `t`'s language and carrying its sentence's code and params (`draft`) for a reader
 * in another language. Names and texts come as the caller gives them (the edition's language).
 */
export function draftFindings(
  objectives: ObjectiveRatings[],
  metrics: TeamMetrics[],
  events: LoggedEvent[],
  teamName: Map<string, string>,
  injectTitle: (id: string) => string,
  t: ReportMessages = REPORT_MESSAGES.en,
): Finding[] {
  const out: Finding[] = [];
  let n = 0;
  const add = (f: Omit<Finding, 'id' | 'text'> & { draft: FindingDraft }) =>
    out.push({ ...f, id: `draft-${++n}`, text: t.draftedFinding(f.draft) });
  for (const o of objectives) {
    for (const r of o.teams) {
      if (!r.rating) continue;
      const team = teamName.get(r.teamId) ?? r.teamId;
      add({
        kind: r.rating === 'P' || r.rating === 'S' ? 'strength' : 'improvement',
        draft: {
          code: 'rating',
          // the objective is named inside a sentence: without its closing full stop
          params: { team, objective: o.text.replace(/\.$/, ''), rating: r.rating, observations: r.observations },
        },
        objectiveId: o.objectiveId,
        teamId: r.teamId,
        evidence: r.eventId === null ? [] : [r.eventId],
      });
    }
  }
  // only each expected action's latest mark counts: an evaluator who corrects a mark (or its note)
  // supersedes the earlier one, so an action is never both a strength and an area for improvement
  const latest = new Map<string, LoggedEvent>();
  for (const e of events) {
    if (e.type !== 'evaluation.recorded') continue;
    const teamId = str(e.payload.teamId);
    const injectId = str(e.payload.injectId);
    const action = str(e.payload.expectedActionId);
    if (!teamId || !injectId || !action) continue;
    const k = `${teamId}|${injectId}|${action}`;
    // re-inserted so the map keeps the order of the latest marks
    latest.delete(k);
    latest.set(k, e);
  }
  for (const e of latest.values()) {
    const reason = str(e.payload.reason)?.trim();
    const teamId = str(e.payload.teamId) ?? '';
    if (!reason) continue;
    add({
      kind: e.payload.met === true ? 'strength' : 'improvement',
      draft: {
        code: 'evaluation',
        params: { team: teamName.get(teamId) ?? teamId, inject: injectTitle(str(e.payload.injectId) ?? ''), reason },
      },
      objectiveId: null,
      teamId,
      evidence: [e.id],
    });
  }
  for (const m of metrics) {
    const targeted = m.onTime + m.late + m.missed;
    if (targeted === 0) continue;
    const team = teamName.get(m.teamId) ?? m.teamId;
    if (m.onTime / targeted >= 0.8)
      add({
        kind: 'strength',
        draft: { code: 'onTime', params: { team, onTime: m.onTime, targeted } },
        objectiveId: null,
        teamId: m.teamId,
        evidence: [],
      });
    if (m.late + m.missed > 0 && m.onTime / targeted < 0.8)
      add({
        kind: 'improvement',
        draft: { code: 'late', params: { team, late: m.late, missed: m.missed, targeted } },
        objectiveId: null,
        teamId: m.teamId,
        evidence: [],
      });
  }
  return out;
}
export function summariseHotwash(inp: ReportInputs): HotwashSummary {
  const source = sourceLanguage(inp.exercise.snapshot);
  const rating = inp.hotwashQuestions.filter((q) => q.kind === 'rating');
  const text = inp.hotwashQuestions.filter((q) => q.kind === 'text');
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
  return {
    questions: inp.hotwashQuestions,
    submissions: inp.hotwash.length,
    ratings: rating.map((q) => {
      const all = inp.hotwash.flatMap((h) => (typeof h.ratings[q.id] === 'number' ? [h.ratings[q.id] as number] : []));
      return {
        questionId: q.id,
        mean: mean(all),
        distribution: [1, 2, 3, 4, 5].map((v) => all.filter((x) => x === v).length),
        byTeam: inp.teams.map((t) => {
          const mine = inp.hotwash
            .filter((h) => h.teamId === t.id)
            .flatMap((h) => (typeof h.ratings[q.id] === 'number' ? [h.ratings[q.id] as number] : []));
          return { teamId: t.id, mean: mean(mine), count: mine.length };
        }),
      };
    }),
    comments: inp.hotwash.flatMap((h) =>
      text.flatMap((q) =>
        h.answers[q.id]?.trim()
          ? [
              {
                questionId: q.id,
                teamId: h.teamId,
                text: h.answers[q.id]?.trim() ?? '',
                language: h.language ?? source,
              },
            ]
          : [],
      ),
    ),
  };
}
