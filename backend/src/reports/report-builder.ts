import { type Inject, parseDurationMs } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import {
  type AfterActionReport,
  type CoverageRow,
  type DecisionRecord,
  type Finding,
  type HotwashSummary,
  type InjectMetrics,
  type ObjectiveRatings,
  type Rating,
  RATINGS,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type ReportScores,
  type ScoreItem,
  type TeamMetrics,
  type TeamScore,
  type TimelineEntry,
  type TimelineKind,
} from './report-model.js';

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
const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const key = (a: string, b: string) => `${a}\u0000${b}`;

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
  const adhocSubjects = new Map<string, string>();
  for (const e of inp.events) if (e.type === 'inject.adhoc-created') adhocSubjects.set(str(e.payload.injectId) ?? '', str(e.payload.subject) ?? '');
  const subjectOf = (id: string) => injects.get(id)?.subject ?? adhocSubjects.get(id) ?? id;
  const respondWithin = (id: string): number | null => {
    const w = injects.get(id)?.respondWithin;
    return w ? parseDurationMs(w) : null;
  };
  const actorName = (actor: string): string => {
    const [kind, id = ''] = actor.split(':', 2) as [string, string | undefined];
    if (kind === 'participant') return participantName.get(id) ?? (opts.hideNames ? ANONYMOUS : 'a player');
    if (kind === 'user') return inp.users.get(id) ?? 'exercise control';
    return 'system';
  };

  // ---- deliveries, acknowledgements, responses from the log --------------------------------
  const delivered = new Map<string, number>(); // team/inject → scenario ms
  const deliveredOrder: { injectId: string; teamIds: string[]; scenarioMs: number }[] = [];
  const firstAck = new Map<string, number>();
  const responseTimes = new Map<string, number[]>();
  const ratings = new Map<string, { rating: Rating; observations: string; evaluator: string; at: number; eventId: number }>();
  const evaluations = new Map<string, { met: boolean; reason: string; evaluator: string; at: number }>();
  const adjustments: { teamId: string; injectId: string; points: number; reason: string; evaluator: string; at: number }[] = [];
  const timeline: TimelineEntry[] = [];

  for (const e of inp.events) {
    const p = e.payload;
    const injectId = str(p.injectId);
    const teamId = str(p.teamId);
    switch (e.type) {
      case 'inject.delivered': {
        const ids = strs(p.teamIds);
        const at = e.scenarioMs ?? 0;
        if (injectId) {
          for (const t of ids) if (!delivered.has(key(t, injectId))) delivered.set(key(t, injectId), at);
          deliveredOrder.push({ injectId, teamIds: ids, scenarioMs: at });
        }
        break;
      }
      case 'inject.acknowledged':
        if (injectId && teamId && !firstAck.has(key(teamId, injectId))) firstAck.set(key(teamId, injectId), e.scenarioMs ?? 0);
        break;
      case 'response.logged':
        if (injectId && teamId) {
          const k = key(teamId, injectId);
          const list = responseTimes.get(k) ?? [];
          list.push(e.scenarioMs ?? 0);
          responseTimes.set(k, list);
        }
        break;
      case 'objective.rated': {
        const objectiveId = str(p.objectiveId);
        const rating = str(p.rating) as Rating | null;
        if (teamId && objectiveId && rating && RATINGS.includes(rating))
          ratings.set(key(teamId, objectiveId), { rating, observations: str(p.observations) ?? '', evaluator: actorName(e.actor), at: e.atMs, eventId: e.id });
        break;
      }
      case 'evaluation.recorded': {
        const action = str(p.expectedActionId);
        if (teamId && injectId && action) evaluations.set(`${teamId}|${injectId}|${action}`, { met: p.met === true, reason: str(p.reason) ?? '', evaluator: actorName(e.actor), at: e.atMs });
        break;
      }
      case 'score.adjusted':
        if (teamId && injectId) adjustments.push({ teamId, injectId, points: num(p.points) ?? 0, reason: str(p.reason) ?? '', evaluator: actorName(e.actor), at: e.atMs });
        break;
      default:
        break;
    }
    // edits of the report itself are its audit trail (the event log), not part of the exercise's story
    if (!REVIEW_EDIT_EVENTS.has(e.type)) timeline.push(timelineEntry(e, { actorName, subjectOf, teamName, teamIds }));
  }

  // ---- per-team metrics ---------------------------------------------------------------------
  const metrics: TeamMetrics[] = inp.teams.map((t) => {
    const perInject: InjectMetrics[] = [];
    for (const d of deliveredOrder) {
      if (!d.teamIds.includes(t.id)) continue;
      const k = key(t.id, d.injectId);
      if (delivered.get(k) !== d.scenarioMs) continue;
      const ack = firstAck.get(k);
      const times = responseTimes.get(k) ?? [];
      const first = times.length ? Math.min(...times) : null;
      const within = respondWithin(d.injectId);
      const firstMs = first === null ? null : Math.max(0, first - d.scenarioMs);
      let status: InjectMetrics['status'];
      if (within === null) status = 'no-target';
      else if (firstMs !== null) status = firstMs <= within ? 'on-time' : 'late';
      else status = ended || inp.scenarioNowMs > d.scenarioMs + within ? 'missed' : 'pending';
      perInject.push({ injectId: d.injectId, subject: subjectOf(d.injectId), deliveredScenarioMs: d.scenarioMs, ackMs: ack === undefined ? null : Math.max(0, ack - d.scenarioMs), firstResponseMs: firstMs, respondWithinMs: within, status, responses: times.length });
    }
    const count = (s: InjectMetrics['status']) => perInject.filter((x) => x.status === s).length;
    return {
      teamId: t.id,
      injectsDelivered: perInject.length,
      acknowledged: perInject.filter((x) => x.ackMs !== null).length,
      responded: perInject.filter((x) => x.responses > 0).length,
      responses: perInject.reduce((a, x) => a + x.responses, 0),
      medianAckMs: median(perInject.flatMap((x) => (x.ackMs === null ? [] : [x.ackMs]))),
      medianFirstResponseMs: median(perInject.flatMap((x) => (x.firstResponseMs === null ? [] : [x.firstResponseMs]))),
      onTime: count('on-time'),
      late: count('late'),
      missed: count('missed'),
      pending: count('pending'),
      perInject,
    };
  });

  // ---- scores --------------------------------------------------------------------------------
  const actionText = (injectId: string, actionId: string | null) => (actionId ? (injects.get(injectId)?.expectedActions.find((a) => a.id === actionId)?.text ?? null) : null);
  let scoreTeams: TeamScore[];
  let source: ReportScores['source'];
  if (inp.serviceScores) {
    source = 'scoring-service';
    scoreTeams = inp.serviceScores.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, expectedActionText: actionText(i.injectId, i.expectedActionId) })) }));
  } else {
    source = 'derived-from-event-log';
    const optionsChosen = new Map<string, Set<string>>();
    for (const r of inp.responses) {
      const k = key(r.teamId, r.injectId);
      const set = optionsChosen.get(k) ?? new Set<string>();
      for (const o of r.optionIds) set.add(o);
      optionsChosen.set(k, set);
    }
    scoreTeams = metrics.map((m) => {
      const items: ScoreItem[] = [];
      for (const d of m.perInject) {
        const chosen = optionsChosen.get(key(m.teamId, d.injectId));
        for (const a of injects.get(d.injectId)?.expectedActions ?? []) {
          const ev = evaluations.get(`${m.teamId}|${d.injectId}|${a.id}`);
          const met = ev ? ev.met : a.options.some((o) => chosen?.has(o) ?? false);
          items.push({
            injectId: d.injectId,
            expectedActionId: a.id,
            expectedActionText: a.text,
            kind: 'action',
            points: met ? a.points : 0,
            max: a.points,
            source: ev ? { evaluator: ev.evaluator, at: ev.at, reason: ev.reason } : { rule: 'response option covers the expected action' },
          });
        }
      }
      for (const a of adjustments.filter((x) => x.teamId === m.teamId))
        items.push({ injectId: a.injectId, expectedActionId: null, expectedActionText: null, kind: 'adjustment', points: a.points, max: 0, source: { evaluator: a.evaluator, at: a.at, reason: a.reason } });
      return { teamId: m.teamId, total: items.reduce((s, i) => s + i.points, 0), max: items.reduce((s, i) => s + i.max, 0), items };
    });
  }
  const byObjective = pack.objectives.map((o) => ({
    objectiveId: o.id,
    teams: scoreTeams.map((s) => {
      const items = s.items.filter((i) => injects.get(i.injectId)?.objectives.includes(o.id) ?? false);
      return { teamId: s.teamId, points: items.reduce((a, i) => a + i.points, 0), max: items.reduce((a, i) => a + i.max, 0) };
    }),
  }));

  // ---- objectives × teams ---------------------------------------------------------------------
  const objectives: ObjectiveRatings[] = pack.objectives.map((o) => ({
    objectiveId: o.id,
    text: o.text,
    coreCapability: o.coreCapability,
    teams: inp.teams.map((t) => {
      const r = ratings.get(key(t.id, o.id));
      return { teamId: t.id, rating: r?.rating ?? null, observations: r?.observations ?? '', evaluator: r?.evaluator ?? null, at: r?.at ?? null, eventId: r?.eventId ?? null };
    }),
  }));

  // ---- coverage ---------------------------------------------------------------------------------
  const coverage = buildCoverage(injects, metrics, scoreTeams);

  // ---- decisions --------------------------------------------------------------------------------
  const decisions = buildDecisions(inp.events, injects, delivered, teamIds, teamByKey);

  // ---- findings ---------------------------------------------------------------------------------
  const drafted = inp.savedFindings === null;
  const findings = inp.savedFindings ?? draftFindings(objectives, metrics, inp.events, teamName);

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
      objectives: pack.objectives.map((o) => ({ id: o.id, text: o.text, coreCapability: o.coreCapability })),
      coreCapabilities: [...new Set(pack.objectives.map((o) => o.coreCapability))],
      teams: inp.teams.map((t) => {
        const members = inp.participants.filter((p) => p.teamId === t.id);
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
    scores: { source, teams: scoreTeams, byObjective },
    coverage,
    decisions,
    rfis: inp.rfis.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, authorName: opts.hideNames && m.from === 'team' ? ANONYMOUS : m.authorName })) })),
    responses: inp.responses.map((r) => (opts.hideNames ? { ...r, authorName: ANONYMOUS } : r)),
    hotwash: summariseHotwash(inp),
    improvementPlan: inp.plan,
  };
}

interface TimelineContext {
  actorName: (actor: string) => string;
  subjectOf: (injectId: string) => string;
  teamName: Map<string, string>;
  teamIds: string[];
}

const CLOCK_SUMMARY: Record<string, string> = {
  'exercise.created': 'Exercise created',
  'exercise.start-scheduled': 'Start scheduled',
  'exercise.started': 'Exercise started',
  'exercise.paused': 'Exercise paused',
  'exercise.resumed': 'Exercise resumed',
  'exercise.speed-changed': 'Clock speed changed',
  'exercise.ended': 'Exercise ended',
};

function timelineEntry(e: LoggedEvent, c: TimelineContext): TimelineEntry {
  const p = e.payload;
  const injectId = str(p.injectId);
  const teamId = str(p.teamId);
  const tn = (id: string | null) => (id ? (c.teamName.get(id) ?? id) : 'a team');
  const who = c.actorName(e.actor);
  let kind: TimelineKind = 'other';
  let summary: string = e.type;
  let teams: string[] = teamId ? [teamId] : [];
  const subject = injectId ? `“${clip(c.subjectOf(injectId), 90)}”` : '';
  switch (e.type) {
    case 'exercise.created':
    case 'exercise.start-scheduled':
    case 'exercise.started':
    case 'exercise.paused':
    case 'exercise.resumed':
    case 'exercise.speed-changed':
    case 'exercise.ended':
      kind = 'clock';
      summary = `${CLOCK_SUMMARY[e.type] ?? e.type}${e.type === 'exercise.speed-changed' ? ` to ×${num(p.to) ?? '?'}` : ''}${e.actor.startsWith('user:') ? ` by ${who}` : ''}`;
      break;
    case 'inject.delivered':
      kind = 'inject';
      teams = strs(p.teamIds);
      summary = `Inject ${subject} delivered to ${teams.map((t) => tn(t)).join(', ') || 'no team'}${p.late === true ? ' (late)' : ''}`;
      break;
    case 'inject.fired':
      kind = 'facilitator';
      summary = `${who} fired inject ${subject} ahead of plan`;
      break;
    case 'inject.skipped':
      kind = 'facilitator';
      summary = `${who} skipped inject ${subject}`;
      break;
    case 'inject.adhoc-created':
      kind = 'facilitator';
      summary = `${who} wrote an ad-hoc inject ${subject}`;
      break;
    case 'inject.released':
      kind = 'inject';
      summary = `Inject ${subject} released by its trigger`;
      break;
    case 'participant.joined':
      kind = 'participant';
      summary = `${who} joined ${tn(teamId)}`;
      break;
    case 'inject.acknowledged':
      kind = 'acknowledgement';
      summary = `${tn(teamId)} acknowledged ${subject} (${who})`;
      break;
    case 'response.logged':
      kind = 'response';
      summary = `${tn(teamId)} responded to ${subject} (${who})${strs(p.optionIds).length ? ` choosing ${strs(p.optionIds).join(', ')}` : ''}`;
      break;
    case 'response.edited':
      kind = 'response';
      summary = `${tn(teamId)} edited its response to ${subject} (${who})`;
      break;
    case 'thread.opened':
      kind = 'rfi';
      summary = `${tn(teamId)} asked ${str(p.to) ?? 'exercise control'}: “${clip(str(p.subject) ?? '', 90)}”`;
      break;
    case 'thread.message':
      kind = 'rfi';
      summary = p.sender === 'control' ? `${str(p.authorName) ?? 'Control'} answered ${tn(teamId)}` : `${tn(teamId)} wrote in its request thread (${who})`;
      break;
    case 'journal.note':
      kind = 'journal';
      summary = `Journal (${who}): ${clip(str(p.text) ?? '', 200)}`;
      break;
    case 'settings.changed':
      kind = 'facilitator';
      summary = `${who} changed the exercise settings`;
      break;
    case 'decision.opened':
      kind = 'decision';
      teams = strs(p.memberTeamIds);
      summary = `Decision “${str(p.decisionId) ?? ''}” opened for ${teams.map((t) => tn(t)).join(', ')}`;
      break;
    case 'decision.vote':
      kind = 'vote';
      summary = `${tn(teamId)} voted “${str(p.choice) ?? ''}” on decision “${str(p.decisionId) ?? ''}”`;
      break;
    case 'decision.closed':
      kind = 'decision';
      summary = `Decision “${str(p.decisionId) ?? ''}” closed: ${str(p.outcome) ?? 'no outcome'}${p.forced === true ? ` (forced by ${who})` : ''}`;
      break;
    case 'decision.extended':
      kind = 'facilitator';
      summary = `${who} extended the deadline of decision “${str(p.decisionId) ?? ''}”`;
      break;
    case 'evaluation.recorded':
      kind = 'evaluation';
      summary = `${who} evaluated ${tn(teamId)} on ${subject}: ${p.met === true ? 'met' : 'not met'}`;
      break;
    case 'score.adjusted':
      kind = 'evaluation';
      summary = `${who} adjusted ${tn(teamId)}'s score on ${subject} by ${num(p.points) ?? 0}`;
      break;
    case 'objective.rated':
      kind = 'evaluation';
      summary = `${who} rated ${tn(teamId)} “${str(p.rating) ?? '?'}” on objective ${str(p.objectiveId) ?? ''}`;
      break;
    default:
      if (e.type.startsWith('inject.')) kind = 'inject';
      else if (e.type.startsWith('decision.')) kind = 'decision';
      break;
  }
  return { eventId: e.id, at: e.atMs, scenarioMs: e.scenarioMs, type: e.type, kind, teamIds: teams, injectId, decisionId: str(p.decisionId), actor: who, summary };
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
      const row = rows.get(k) ?? { framework, techniqueId, assumed, injectIds: [], teams: [] };
      row.assumed = row.assumed && assumed;
      if (!row.injectIds.includes(id)) row.injectIds.push(id);
      rows.set(k, row);
    }
  }
  const scoreByTeam = new Map(scores.map((s) => [s.teamId, s]));
  for (const row of rows.values()) {
    const ids = new Set(row.injectIds);
    row.teams = metrics.flatMap((m) => {
      const mine = m.perInject.filter((x) => ids.has(x.injectId));
      if (mine.length === 0) return [];
      const items = (scoreByTeam.get(m.teamId)?.items ?? []).filter((i) => ids.has(i.injectId));
      return [{ teamId: m.teamId, delivered: mine.length, responded: mine.filter((x) => x.responses > 0).length, onTime: mine.filter((x) => x.status === 'on-time').length, points: items.reduce((a, i) => a + i.points, 0), max: items.reduce((a, i) => a + i.max, 0) }];
    });
  }
  return [...rows.values()].sort((a, b) => a.framework.localeCompare(b.framework) || a.techniqueId.localeCompare(b.techniqueId));
}

function buildDecisions(events: LoggedEvent[], injects: Map<string, Inject>, delivered: Map<string, number>, teamIds: string[], teamByKey: Map<string, { id: string }>): DecisionRecord[] {
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
  const vote = (rec: DecisionRecord, teamId: string, choice: string, at: number, scenarioMs: number | null) => {
    rec.votes = rec.votes.filter((v) => v.teamId !== teamId);
    const label = rec.options.find((o) => o.id === choice)?.label ?? choice;
    rec.votes.push({ teamId, choice, choiceLabel: label, at, scenarioMs });
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
      if (rec && teamId) vote(rec, teamId, str(p.choice) ?? '', e.atMs, e.scenarioMs);
    } else if (e.type === 'response.logged' && !sawOpened) {
      // before the decisions module records its own events, a vote rides on a response
      const v = p.vote as { decisionId?: unknown; choice?: unknown } | null | undefined;
      const teamId = str(p.teamId);
      const id = str(v?.decisionId);
      const injectId = str(p.injectId);
      if (!v || !id || !teamId || !injectId) continue;
      const inject = injects.get(injectId);
      const d = inject?.decision;
      if (!inject || !d) continue;
      const scope = d.mode === 'team' ? teamId : '';
      const members = d.mode === 'team' ? [teamId] : (d.members ?? (inject.to === 'all' ? null : inject.to))?.map((k) => teamByKey.get(k)?.id ?? k) ?? teamIds.filter((t) => delivered.has(key(t, injectId)));
      const rec = records.get(key(id, scope)) ?? fresh(id, injectId, scope, members);
      vote(rec, teamId, str(v.choice) ?? '', e.atMs, e.scenarioMs);
    }
  }
  return [...records.values()].sort((a, b) => (a.openedScenarioMs ?? 0) - (b.openedScenarioMs ?? 0));
}

/** Strengths and areas for improvement drafted from evaluator notes and the measured response times. */
function draftFindings(objectives: ObjectiveRatings[], metrics: TeamMetrics[], events: LoggedEvent[], teamName: Map<string, string>): Finding[] {
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
  for (const e of events) {
    if (e.type !== 'evaluation.recorded') continue;
    const reason = str(e.payload.reason);
    const teamId = str(e.payload.teamId);
    if (!reason || !teamId) continue;
    add({ kind: e.payload.met === true ? 'strength' : 'improvement', text: `${teamName.get(teamId) ?? teamId}: ${reason}`, objectiveId: null, teamId, evidence: [e.id] });
  }
  for (const m of metrics) {
    const targeted = m.onTime + m.late + m.missed;
    if (targeted === 0) continue;
    const team = teamName.get(m.teamId) ?? m.teamId;
    if (m.onTime / targeted >= 0.8) add({ kind: 'strength', text: `${team} answered ${m.onTime} of ${targeted} injects within their response target.`, objectiveId: null, teamId: m.teamId, evidence: [] });
    if (m.late + m.missed > 0 && m.onTime / targeted < 0.8)
      add({ kind: 'improvement', text: `${team} answered ${m.late} inject(s) late and ${m.missed} not at all, of ${targeted} with a response target.`, objectiveId: null, teamId: m.teamId, evidence: [] });
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
