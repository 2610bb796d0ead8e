import { type Inject, parseDurationMs } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import {
  type AfterActionReport,
  type CoverageRow,
  type CoverageTeam,
  type DecisionRecord,
  type Finding,
  type HotwashSummary,
  type InjectMetrics,
  type ObjectiveRatings,
  type Rating,
  RATINGS,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type TeamMetrics,
  type TeamScore,
  type ReportInject,
  type TimelineDetail,
  type TimelineEntry,
  type TimelineKind,
  type DeliveryAccuracySummary,
} from './report-model.js';
import { type DeliveryTimingRow, latenessOf, summariseDeliveries } from '../delivery/delivery-timing.js';
import { ATTACK_GROUP_NAMES, techniqueName } from './technique-names.js';

export const ANONYMOUS = 'A team member';

/** Log entries written by edits of the after-action review (findings, improvement plan): left out of the timeline. */
export const REVIEW_EDIT_EVENTS: ReadonlySet<string> = new Set(['report.findings-saved', 'improvement.added', 'improvement.updated', 'improvement.deleted']);

export interface BuildOptions {
  /** observers of an exercise whose instructor chose anonymity see no player names */
  hideNames: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const key = (a: string, b: string) => `${a}\u0000${b}`;
/** Scores are sums of decimal points: rounded so float noise (243.89999…) never reaches a reader. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A map keyed by two strings (team and inject, mostly). Nested maps instead of joined keys: the
 * log's tens of thousands of entries would otherwise each build and hash a fresh key string.
 */
class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }
  has(a: string, b: string): boolean {
    return this.outer.get(a)?.has(b) ?? false;
  }
  set(a: string, b: string, v: V): void {
    let inner = this.outer.get(a);
    if (!inner) this.outer.set(a, (inner = new Map<string, V>()));
    inner.set(b, v);
  }
}

/**
 * Builds the full after-action report from the event log, the exercise's snapshot and the
 * response/thread tables. Pure: the same inputs give the same report, which the tests rely on.
 */
export function buildReport(inp: ReportInputs, opts: BuildOptions): AfterActionReport {
  const pack = inp.exercise.snapshot;
  const ended = inp.exercise.status === 'ended';
  const teamIds = inp.teams.map((t) => t.id);
  const teamByKey = new Map(inp.teams.map((t) => [t.key, t]));
  const teamName = new Map(inp.teams.map((t) => [t.id, t.name]));
  const injects = new Map<string, Inject>(pack.injects.map((i) => [i.id, i]));
  const participantName = new Map(inp.participants.map((p) => [p.id, opts.hideNames ? ANONYMOUS : p.displayName]));
  const reportInjects: ReportInject[] = pack.injects.map((i) => ({ id: i.id, subject: i.subject, offset: i.offset ?? null, options: i.responseOptions.map((o) => ({ id: o.id, label: o.label })) }));
  for (const e of inp.events) {
    const id = str(e.payload.injectId);
    if (e.type === 'inject.adhoc-created' && id && !injects.has(id)) reportInjects.push({ id, subject: str(e.payload.subject) ?? id, offset: null, options: [] });
  }
  const respondWithin = (id: string): number | null => {
    const w = injects.get(id)?.respondWithin;
    return w ? parseDurationMs(w) : null;
  };
  const actorNames = new Map<string, string>();
  const actorName = (actor: string): string => {
    let name = actorNames.get(actor);
    if (name !== undefined) return name;
    const [kind, id = ''] = actor.split(':', 2) as [string, string | undefined];
    if (kind === 'participant') name = participantName.get(id) ?? (opts.hideNames ? ANONYMOUS : 'a player');
    else if (kind === 'user') name = inp.users.get(id) ?? 'exercise control';
    else name = 'system';
    actorNames.set(actor, name);
    return name;
  };

  // ---- deliveries, acknowledgements, responses from the log --------------------------------
  const delivered = new PairMap<number>(); // team, inject → scenario ms
  const deliveredOrder: { injectId: string; teamIds: string[]; scenarioMs: number }[] = [];
  // first acknowledgement / response per team and inject, and whether the exercise was paused then
  const firstAck = new PairMap<{ ms: number; paused: boolean }>();
  const firstResponse = new PairMap<{ ms: number; paused: boolean }>();
  const responseCount = new PairMap<number>();
  let paused = false;
  const ratings = new PairMap<{ rating: Rating; observations: string; evaluator: string; at: number; eventId: number }>();
  const timeline: TimelineEntry[] = [];
  const lateness = lateDeliveries(inp.deliveries ?? []);
  // most entries concern one team: they share one (never mutated) array per team instead of one each
  const teamLists = new Map<string, string[]>();
  const noTeam: string[] = [];
  const oneTeam = (teamId: string | null): string[] => {
    if (!teamId) return noTeam;
    let list = teamLists.get(teamId);
    if (!list) teamLists.set(teamId, (list = [teamId]));
    return list;
  };

  for (const e of inp.events) {
    const p = e.payload;
    const injectId = str(p.injectId);
    const teamId = str(p.teamId);
    switch (e.type) {
      case 'exercise.paused':
        paused = true;
        break;
      case 'exercise.resumed':
      case 'exercise.started':
        paused = false;
        break;
      case 'inject.delivered': {
        const ids = strs(p.teamIds);
        const at = e.scenarioMs ?? 0;
        if (injectId) {
          for (const t of ids) if (!delivered.has(t, injectId)) delivered.set(t, injectId, at);
          deliveredOrder.push({ injectId, teamIds: ids, scenarioMs: at });
        }
        break;
      }
      case 'inject.acknowledged':
        if (injectId && teamId && !firstAck.has(teamId, injectId)) firstAck.set(teamId, injectId, { ms: e.scenarioMs ?? 0, paused });
        break;
      case 'response.logged':
        if (injectId && teamId) {
          responseCount.set(teamId, injectId, (responseCount.get(teamId, injectId) ?? 0) + 1);
          const first = firstResponse.get(teamId, injectId);
          if (!first || (e.scenarioMs ?? 0) < first.ms) firstResponse.set(teamId, injectId, { ms: e.scenarioMs ?? 0, paused });
        }
        break;
      case 'objective.rated': {
        const objectiveId = str(p.objectiveId);
        const rating = str(p.rating) as Rating | null;
        if (teamId && objectiveId && rating && RATINGS.includes(rating))
          ratings.set(teamId, objectiveId, { rating, observations: str(p.observations) ?? '', evaluator: actorName(e.actor), at: e.atMs, eventId: e.id });
        break;
      }
      default:
        break;
    }
    // edits of the report itself are its audit trail (the event log), not part of the exercise's story
    if (!REVIEW_EDIT_EVENTS.has(e.type)) timeline.push(timelineEntry(e, actorName(e.actor), oneTeam, lateness));
  }

  // ---- per-team metrics ---------------------------------------------------------------------
  const metrics: TeamMetrics[] = inp.teams.map((t) => {
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
      else status = ended || inp.scenarioNowMs > d.scenarioMs + within ? 'missed' : 'pending';
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
      medianFirstResponseMs: median(perInject.flatMap((x) => (x.firstResponseMs === null || x.firstResponseWhilePaused ? [] : [x.firstResponseMs]))),
      onTime: count('on-time'),
      late: count('late'),
      missed: count('missed'),
      pending: count('pending'),
      whilePaused: perInject.filter((x) => x.ackWhilePaused || x.firstResponseWhilePaused).length,
      perInject,
    };
  });

  // ---- scores --------------------------------------------------------------------------------
  const expectedActions = pack.injects.flatMap((i) => i.expectedActions.map((a) => ({ injectId: i.id, id: a.id, text: a.text, points: a.points })));
  // the scoring engine's own totals (the same engine as the live scores), rounded for readers
  const scoreTeams: TeamScore[] = inp.scores.map((t) => ({ ...t, total: round2(t.total), max: round2(t.max) }));
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

  // ---- objectives × teams ---------------------------------------------------------------------
  const objectives: ObjectiveRatings[] = pack.objectives.map((o) => ({
    objectiveId: o.id,
    text: o.text,
    coreCapability: o.coreCapability,
    teams: inp.teams.map((t) => {
      const r = ratings.get(t.id, o.id);
      return { teamId: t.id, rating: r?.rating ?? null, observations: r?.observations ?? '', evaluator: r?.evaluator ?? null, at: r?.at ?? null, eventId: r?.eventId ?? null };
    }),
  }));

  // ---- coverage ---------------------------------------------------------------------------------
  const coverage = buildCoverage(injects, metrics, scoreTeams);

  // ---- decisions --------------------------------------------------------------------------------
  const decisions = buildDecisions(inp.events, injects, delivered, teamIds, teamByKey);

  // ---- findings ---------------------------------------------------------------------------------
  const drafted = inp.savedFindings === null;
  const findings = inp.savedFindings ?? draftFindings(objectives, metrics, inp.events, teamName, (id) => injects.get(id)?.subject ?? reportInjects.find((i) => i.id === id)?.subject ?? id);

  const membersOf = new Map<string, ReportInputs['participants']>();
  for (const p of inp.participants) membersOf.set(p.teamId, [...(membersOf.get(p.teamId) ?? []), p]);

  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    edition: { kind: 'full' },
    state: ended ? 'final' : 'draft',
    generatedAt: inp.now,
    overview: {
      exerciseId: inp.exercise.id,
      name: inp.exercise.name,
      status: inp.exercise.status,
      pack: { id: pack.id, version: pack.version, title: pack.title },
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
          participantNames: opts.hideNames ? [] : members.map((p) => p.displayName),
        };
      }),
      startedAt: inp.exercise.startedAtMs,
      endedAt: inp.exercise.endedAtMs,
      scenarioElapsedMs: Math.max(0, Math.round(inp.scenarioNowMs)),
    },
    objectives,
    findings: { drafted, strengths: findings.filter((f) => f.kind === 'strength'), improvements: findings.filter((f) => f.kind === 'improvement') },
    timeline,
    metrics,
    scores: { source: 'scoring-service', expectedActions, teams: scoreTeams, byObjective },
    coverage,
    decisions,
    rfis: inp.rfis.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, authorName: opts.hideNames && m.from === 'team' ? ANONYMOUS : m.authorName })) })),
    responses: inp.responses.map((r) => (opts.hideNames ? { ...r, authorName: ANONYMOUS } : r)),
    hotwash: summariseHotwash(inp),
    improvementPlan: inp.plan,
    deliveryAccuracy: inp.deliveries ? accuracyOf(inp.deliveries) : null,
  };
}

/** The report's delivery accuracy: the same figures as the control room's (without its per-process detail). */
function accuracyOf(rows: DeliveryTimingRow[]): DeliveryAccuracySummary {
  const a = summariseDeliveries(rows);
  return { broadcasts: a.broadcasts, startLatenessMs: a.startLatenessMs, endLatenessMs: a.endLatenessMs, lateCount: a.lateCount, unrecorded: a.unrecorded, lateAfterMs: a.lateAfterMs };
}

/** inject → team → how late its broadcast started when it was genuinely late, else null */
function lateDeliveries(rows: DeliveryTimingRow[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const d of rows) {
    let teams = out.get(d.injectId);
    if (!teams) out.set(d.injectId, (teams = new Map<string, number | null>()));
    teams.set(d.teamId, d.late ? latenessOf(d) : null);
  }
  return out;
}

const TIMELINE_KIND: Record<string, TimelineKind> = {
  'exercise.created': 'clock',
  'exercise.start-scheduled': 'clock',
  'exercise.started': 'clock',
  'exercise.paused': 'clock',
  'exercise.resumed': 'clock',
  'exercise.speed-changed': 'clock',
  'exercise.ended': 'clock',
  'inject.delivered': 'inject',
  'inject.released': 'inject',
  'inject.fired': 'facilitator',
  'inject.skipped': 'facilitator',
  'inject.adhoc-created': 'facilitator',
  'settings.changed': 'facilitator',
  'decision.extended': 'facilitator',
  'participant.joined': 'participant',
  'participant.removed': 'facilitator',
  'team.join-code-rotated': 'facilitator',
  'team.seat-limit-changed': 'facilitator',
  'inject.acknowledged': 'acknowledgement',
  'response.logged': 'response',
  'response.edited': 'response',
  'thread.opened': 'rfi',
  'thread.message': 'rfi',
  'journal.note': 'journal',
  'decision.opened': 'decision',
  'decision.closed': 'decision',
  'decision.vote': 'vote',
  'evaluation.recorded': 'evaluation',
  'score.adjusted': 'evaluation',
  'objective.rated': 'evaluation',
};

/** The facts of one log entry a reader needs, picked key by key (never the raw payload: it may hold what a team must not see). */
function timelineDetail(e: LoggedEvent): TimelineDetail | undefined {
  const p = e.payload;
  switch (e.type) {
    case 'exercise.speed-changed':
      return { to: num(p.to) };
    case 'response.logged': {
      const optionIds = strs(p.optionIds);
      return optionIds.length ? { optionIds } : undefined;
    }
    case 'thread.opened':
      return { to: str(p.to), subject: str(p.subject) ?? '' };
    case 'thread.message':
      return p.sender === 'control' ? { sender: 'control', authorName: str(p.authorName) } : { sender: 'team' };
    case 'journal.note':
      return { text: str(p.text) ?? '' };
    case 'team.seat-limit-changed':
      return { seatLimit: num(p.seatLimit) };
    case 'decision.vote':
      return { choice: str(p.choice) ?? '', ...(str(p.reason) ? { reason: str(p.reason) } : {}) };
    case 'decision.closed':
      return { outcome: str(p.outcome), forced: p.forced === true };
    case 'evaluation.recorded':
      return { met: p.met === true };
    case 'score.adjusted':
      return { points: num(p.points) ?? 0 };
    case 'objective.rated':
      return { rating: str(p.rating), objectiveId: str(p.objectiveId) };
    default:
      return undefined;
  }
}

function timelineEntry(e: LoggedEvent, actor: string, oneTeam: (teamId: string | null) => string[], lateness: Map<string, Map<string, number | null>>): TimelineEntry {
  const p = e.payload;
  const kind = TIMELINE_KIND[e.type] ?? (e.type.startsWith('inject.') ? 'inject' : e.type.startsWith('decision.') ? 'decision' : 'other');
  const teamIds = e.type === 'inject.delivered' || e.type === 'decision.opened' ? strs(e.type === 'inject.delivered' ? p.teamIds : p.memberTeamIds) : oneTeam(str(p.teamId));
  const injectId = str(p.injectId);
  // every entry has the same keys in the same order (one object shape: quicker to build and to serialise);
  // JSON leaves out the undefined ones
  return { eventId: e.id, at: e.atMs, scenarioMs: e.scenarioMs, type: e.type, kind, teamIds, injectId, decisionId: str(p.decisionId) ?? undefined, actor, detail: e.type === 'inject.delivered' ? deliveredDetail(e, teamIds, injectId, lateness) : timelineDetail(e) };
}

/**
 * A delivery is late when its broadcast really started over LATE_AFTER_MS after its instant (the
 * delivery records say so, whatever the log entry written just before the broadcast assumed).
 */
function deliveredDetail(e: LoggedEvent, teamIds: string[], injectId: string | null, lateness: Map<string, Map<string, number | null>>): TimelineDetail | undefined {
  const byTeam = injectId ? lateness.get(injectId) : undefined;
  const recorded = teamIds.filter((t) => byTeam?.has(t) === true);
  // no delivery record to read (a report built from the log alone): the log entry's own mark
  if (recorded.length === 0) return e.payload.late === true ? { late: true, latenessMs: num(e.payload.latenessMs) } : undefined;
  const late = recorded.map((t) => byTeam?.get(t) ?? null).filter((v): v is number => v !== null);
  return late.length > 0 ? { late: true, latenessMs: Math.max(...late) } : undefined;
}

function buildCoverage(injects: Map<string, Inject>, metrics: TeamMetrics[], scores: TeamScore[]): CoverageRow[] {
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
      const row = rows.get(k) ?? { framework, techniqueId, name: techniqueName(framework, techniqueId), assumed, injectIds: [], teams: [] };
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
  return [...rows.values()].sort((a, b) => a.framework.localeCompare(b.framework) || a.techniqueId.localeCompare(b.techniqueId));
}

function buildDecisions(events: LoggedEvent[], injects: Map<string, Inject>, delivered: PairMap<number>, teamIds: string[], teamByKey: Map<string, { id: string }>): DecisionRecord[] {
  const records = new Map<string, DecisionRecord>();
  const byDecision = new Map<string, Inject>();
  for (const i of injects.values()) if (i.decision) byDecision.set(i.decision.id, i);
  const fresh = (decisionId: string, injectId: string, scope: string, members: string[]): DecisionRecord => {
    const d = (injects.get(injectId) ?? byDecision.get(decisionId))?.decision;
    const rec: DecisionRecord = {
      decisionId,
      injectId,
      question: d?.question ?? decisionId,
      mode: d?.mode ?? 'team',
      options: d?.options.map((o) => ({ id: o.id, label: o.label })) ?? [],
      memberTeamIds: members,
      status: 'not-opened',
      outcome: null,
      outcomeLabel: null,
      forced: false,
      openedScenarioMs: null,
      deadlineScenarioMs: null,
      closedScenarioMs: null,
      votes: [],
    };
    records.set(key(decisionId, scope), rec);
    return rec;
  };
  const find = (decisionId: string, teamId: string | null): DecisionRecord | undefined => {
    if (teamId) {
      const own = records.get(key(decisionId, teamId));
      if (own) return own;
    }
    const shared = records.get(key(decisionId, ''));
    if (shared && (!teamId || shared.memberTeamIds.includes(teamId) || shared.memberTeamIds.length === 0)) return shared;
    return undefined;
  };
  const vote = (rec: DecisionRecord, teamId: string, choice: string, reason: string | null | undefined, at: number, scenarioMs: number | null) => {
    rec.votes = rec.votes.filter((v) => v.teamId !== teamId);
    const label = rec.options.find((o) => o.id === choice)?.label ?? choice;
    rec.votes.push({ teamId, choice, choiceLabel: label, ...(reason ? { reason } : {}), at, scenarioMs });
  };
  const sawOpened = events.some((e) => e.type === 'decision.opened');
  for (const e of events) {
    const p = e.payload;
    const decisionId = str(p.decisionId);
    if (e.type === 'decision.opened' && decisionId) {
      const members = strs(p.memberTeamIds);
      const mode = str(p.mode) === 'consensus' ? 'consensus' : 'team';
      const rec = fresh(decisionId, str(p.injectId) ?? byDecision.get(decisionId)?.id ?? '', mode === 'team' ? (members[0] ?? '') : '', members);
      rec.mode = mode;
      rec.status = 'open';
      rec.openedScenarioMs = e.scenarioMs;
      rec.deadlineScenarioMs = num(p.deadlineScenarioMs);
    } else if (e.type === 'decision.extended' && decisionId) {
      for (const rec of records.values()) if (rec.decisionId === decisionId && rec.status === 'open') rec.deadlineScenarioMs = num(p.deadlineScenarioMs) ?? rec.deadlineScenarioMs;
    } else if (e.type === 'decision.closed' && decisionId) {
      const rec = find(decisionId, str(p.teamId));
      if (rec) {
        rec.status = 'closed';
        rec.outcome = str(p.outcome);
        rec.outcomeLabel = rec.options.find((o) => o.id === rec.outcome)?.label ?? rec.outcome;
        rec.forced = p.forced === true;
        rec.closedScenarioMs = e.scenarioMs;
      }
    } else if (e.type === 'decision.vote' && decisionId) {
      const teamId = str(p.teamId);
      const rec = teamId ? find(decisionId, teamId) : undefined;
      if (rec && teamId) vote(rec, teamId, str(p.choice) ?? '', str(p.reason), e.atMs, e.scenarioMs);
    } else if (e.type === 'response.logged' && !sawOpened) {
      // before the decisions module records its own events, a vote rides on a response
      const v = p.vote as { decisionId?: unknown; choice?: unknown; reason?: unknown } | null | undefined;
      const teamId = str(p.teamId);
      const id = str(v?.decisionId);
      const injectId = str(p.injectId);
      if (!v || !id || !teamId || !injectId) continue;
      const inject = injects.get(injectId);
      const d = inject?.decision;
      if (!inject || !d) continue;
      const scope = d.mode === 'team' ? teamId : '';
      const members = d.mode === 'team' ? [teamId] : (d.members ?? (inject.to === 'all' ? null : inject.to))?.map((k) => teamByKey.get(k)?.id ?? k) ?? teamIds.filter((t) => delivered.has(t, injectId));
      const rec = records.get(key(id, scope)) ?? fresh(id, injectId, scope, members);
      vote(rec, teamId, str(v.choice) ?? '', str(v.reason), e.atMs, e.scenarioMs);
    }
  }
  return [...records.values()].sort((a, b) => (a.openedScenarioMs ?? 0) - (b.openedScenarioMs ?? 0));
}

/** Strengths and areas for improvement drafted from evaluator notes and the measured response times. */
function draftFindings(objectives: ObjectiveRatings[], metrics: TeamMetrics[], events: LoggedEvent[], teamName: Map<string, string>, injectTitle: (id: string) => string): Finding[] {
  const out: Finding[] = [];
  let n = 0;
  const add = (f: Omit<Finding, 'id'>) => out.push({ ...f, id: `draft-${++n}` });
  for (const o of objectives) {
    for (const t of o.teams) {
      if (!t.rating) continue;
      const team = teamName.get(t.teamId) ?? t.teamId;
      const what = `${team} — ${o.text} (${t.rating})${t.observations ? `: ${t.observations}` : ''}`;
      add({ kind: t.rating === 'P' || t.rating === 'S' ? 'strength' : 'improvement', text: what, objectiveId: o.objectiveId, teamId: t.teamId, evidence: t.eventId === null ? [] : [t.eventId] });
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
    add({ kind: e.payload.met === true ? 'strength' : 'improvement', text: `${teamName.get(teamId) ?? teamId} — “${injectTitle(str(e.payload.injectId) ?? '')}”: ${reason}`, objectiveId: null, teamId, evidence: [e.id] });
  }
  for (const m of metrics) {
    const targeted = m.onTime + m.late + m.missed;
    if (targeted === 0) continue;
    const team = teamName.get(m.teamId) ?? m.teamId;
    if (m.onTime / targeted >= 0.8) add({ kind: 'strength', text: `${team} answered ${m.onTime} of ${targeted} injects within their response target.`, objectiveId: null, teamId: m.teamId, evidence: [] });
    if (m.late + m.missed > 0 && m.onTime / targeted < 0.8) {
      const what = m.late === 0 ? `did not answer ${m.missed}` : m.missed === 0 ? `answered ${m.late} late` : `answered ${m.late} late and did not answer ${m.missed}`;
      add({ kind: 'improvement', text: `${team} ${what} of the ${targeted} injects with a response target.`, objectiveId: null, teamId: m.teamId, evidence: [] });
    }
  }
  return out;
}

function summariseHotwash(inp: ReportInputs): HotwashSummary {
  const rating = inp.hotwashQuestions.filter((q) => q.kind === 'rating');
  const text = inp.hotwashQuestions.filter((q) => q.kind === 'text');
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
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
          const mine = inp.hotwash.filter((h) => h.teamId === t.id).flatMap((h) => (typeof h.ratings[q.id] === 'number' ? [h.ratings[q.id] as number] : []));
          return { teamId: t.id, mean: mean(mine), count: mine.length };
        }),
      };
    }),
    comments: inp.hotwash.flatMap((h) => text.flatMap((q) => (h.answers[q.id]?.trim() ? [{ questionId: q.id, teamId: h.teamId, text: h.answers[q.id]?.trim() ?? '' }] : []))),
  };
}
