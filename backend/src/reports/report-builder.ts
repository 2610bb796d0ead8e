import type { Inject } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent, ReportInputs } from './report-inputs.js';
import {
  type AfterActionReport,
  type Rating,
  RATINGS,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type TimelineDetail,
  type TimelineEntry,
  type TimelineKind,
} from './report-model.js';
import { type DeliveryTimingRow, latenessOf } from '../delivery/delivery-timing.js';
import { ANONYMOUS, num, PairMap, str, strs } from './report-values.js';
import {
  accuracyOf,
  buildCoverage,
  buildFindings,
  buildMetrics,
  buildObjectiveRatings,
  buildOverview,
  buildResponses,
  buildRfis,
  buildScores,
  type PlayLog,
  reportInjectsOf,
  summariseHotwash,
} from './report-sections.js';
import { buildDecisions } from './report-decisions.js';
import { sourceLanguage } from '../scenarios/pack/pack-translations.js';

export { ANONYMOUS };

/** Log entries written by edits of the after-action review (findings, improvement plan): left out of the timeline. */
export const REVIEW_EDIT_EVENTS: ReadonlySet<string> = new Set([
  'report.findings-saved',
  'improvement.added',
  'improvement.updated',
  'improvement.deleted',
]);

export interface BuildOptions {
  /** observers of an exercise whose instructor chose anonymity see no player names */
  hideNames: boolean;
}

/**
 * Builds the full after-action report from the event log, the exercise's snapshot and the
 * response/thread tables. Pure: the same inputs give the same report, which the tests rely on.
 * One pass over the log (readPlayLog), then one builder per section (report-sections.ts).
 */
export function buildReport(inp: ReportInputs, opts: BuildOptions): AfterActionReport {
  const pack = inp.exercise.snapshot;
  const ended = inp.exercise.status === 'ended';
  const injects = new Map<string, Inject>(pack.injects.map((i) => [i.id, i]));
  const reportInjects = reportInjectsOf(pack, inp.events);
  const log = readPlayLog(inp, opts);
  const metrics = buildMetrics(inp.teams, log, injects, { ended, scenarioNowMs: inp.scenarioNowMs });
  const scores = buildScores(pack, injects, inp.scores);
  const objectives = buildObjectiveRatings(pack, inp.teams, log.ratings);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    edition: { kind: 'full' },
    state: ended ? 'final' : 'draft',
    generatedAt: inp.now,
    overview: buildOverview(inp, opts.hideNames, reportInjects),
    objectives,
    findings: buildFindings(inp, objectives, metrics, injects, reportInjects),
    timeline: log.timeline,
    metrics,
    scores,
    coverage: buildCoverage(injects, metrics, scores.teams),
    decisions: buildDecisions(
      inp.events,
      injects,
      log.delivered,
      inp.teams.map((t) => t.id),
      new Map(inp.teams.map((t) => [t.key, t])),
    ),
    rfis: buildRfis(inp.rfis, opts.hideNames, sourceLanguage(pack)),
    responses: buildResponses(inp.responses, opts.hideNames, sourceLanguage(pack)),
    hotwash: summariseHotwash(inp),
    improvementPlan: inp.plan,
    deliveryAccuracy: inp.deliveries ? accuracyOf(inp.deliveries) : null,
  };
}

/** One pass over the event log: deliveries, first acknowledgements and responses (and whether the clock was paused), ratings, the timeline. */
export function readPlayLog(inp: ReportInputs, opts: BuildOptions): PlayLog {
  const participantName = new Map(inp.participants.map((p) => [p.id, opts.hideNames ? ANONYMOUS : p.displayName]));
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

  const log: PlayLog = {
    delivered: new PairMap<number>(),
    deliveredOrder: [],
    firstAck: new PairMap(),
    firstResponse: new PairMap(),
    responseCount: new PairMap<number>(),
    ratings: new PairMap(),
    timeline: [],
  };
  const { delivered, deliveredOrder, firstAck, firstResponse, responseCount, ratings, timeline } = log;
  let paused = false;
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
        if (injectId && teamId && !firstAck.has(teamId, injectId))
          firstAck.set(teamId, injectId, { ms: e.scenarioMs ?? 0, paused });
        break;
      case 'response.logged':
        if (injectId && teamId) {
          responseCount.set(teamId, injectId, (responseCount.get(teamId, injectId) ?? 0) + 1);
          const first = firstResponse.get(teamId, injectId);
          if (!first || (e.scenarioMs ?? 0) < first.ms)
            firstResponse.set(teamId, injectId, { ms: e.scenarioMs ?? 0, paused });
        }
        break;
      case 'objective.rated': {
        const objectiveId = str(p.objectiveId);
        const rating = str(p.rating) as Rating | null;
        if (teamId && objectiveId && rating && RATINGS.includes(rating))
          ratings.set(teamId, objectiveId, {
            rating,
            observations: str(p.observations) ?? '',
            evaluator: actorName(e.actor),
            at: e.atMs,
            eventId: e.id,
          });
        break;
      }
      default:
        break;
    }
    // edits of the report itself are its audit trail (the event log), not part of the exercise's story
    if (!REVIEW_EDIT_EVENTS.has(e.type)) timeline.push(timelineEntry(e, actorName(e.actor), oneTeam, lateness));
  }

  return log;
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
  'exercise.clock-reanchored': 'clock',
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

function timelineEntry(
  e: LoggedEvent,
  actor: string,
  oneTeam: (teamId: string | null) => string[],
  lateness: Map<string, Map<string, number | null>>,
): TimelineEntry {
  const p = e.payload;
  const kind =
    TIMELINE_KIND[e.type] ??
    (e.type.startsWith('inject.') ? 'inject' : e.type.startsWith('decision.') ? 'decision' : 'other');
  const teamIds =
    e.type === 'inject.delivered' || e.type === 'decision.opened'
      ? strs(e.type === 'inject.delivered' ? p.teamIds : p.memberTeamIds)
      : oneTeam(str(p.teamId));
  const injectId = str(p.injectId);
  // every entry has the same keys in the same order (one object shape: quicker to build and to serialise);
  // JSON leaves out the undefined ones
  return {
    eventId: e.id,
    at: e.atMs,
    scenarioMs: e.scenarioMs,
    type: e.type,
    kind,
    teamIds,
    injectId,
    decisionId: str(p.decisionId) ?? undefined,
    actor,
    detail: e.type === 'inject.delivered' ? deliveredDetail(e, teamIds, injectId, lateness) : timelineDetail(e),
  };
}

/**
 * A delivery is late when its broadcast really started over LATE_AFTER_MS after its instant (the
 * delivery records say so, whatever the log entry written just before the broadcast assumed).
 */
function deliveredDetail(
  e: LoggedEvent,
  teamIds: string[],
  injectId: string | null,
  lateness: Map<string, Map<string, number | null>>,
): TimelineDetail | undefined {
  const byTeam = injectId ? lateness.get(injectId) : undefined;
  const recorded = teamIds.filter((t) => byTeam?.has(t) === true);
  // no delivery record to read (a report built from the log alone): the log entry's own mark
  if (recorded.length === 0)
    return e.payload.late === true ? { late: true, latenessMs: num(e.payload.latenessMs) } : undefined;
  const late = recorded.map((t) => byTeam?.get(t) ?? null).filter((v): v is number => v !== null);
  return late.length > 0 ? { late: true, latenessMs: Math.max(...late) } : undefined;
}
