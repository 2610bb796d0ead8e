import type { AfterActionReport, TimelineKind } from './report-model.js';

/** What a team may see of the timeline: its own traffic and the exercise clock, nothing of control's work. */
const PLAYER_KINDS: ReadonlySet<TimelineKind> = new Set([
  'clock',
  'inject',
  'acknowledgement',
  'response',
  'decision',
  'vote',
  'rfi',
]);

/**
 * The player edition for one team, built by picking what the team may see (never by deleting from
 * the full report, so a field added later stays out until someone decides it belongs here): no other
 * team's names, responses, votes, ratings or scores; no expected actions (scoring keys); no
 * evaluator observations, journal or facilitator notes; the team's own score only when the
 * exercise lets teams see scores.
 */
export function toPlayerEdition(
  full: AfterActionReport,
  teamId: string,
  opts: { scoresVisible: boolean },
): AfterActionReport {
  const o = full.overview;
  const team = o.teams.find((t) => t.id === teamId);
  const mine = (ids: string[]) => ids.length === 1 && ids[0] === teamId;
  const metrics = full.metrics.filter((m) => m.teamId === teamId);
  const played = new Set(metrics.flatMap((m) => m.perInject.map((x) => x.injectId)));
  const ownDecisions = full.decisions.filter((d) => d.memberTeamIds.includes(teamId));
  const ownDecisionIds = new Set(ownDecisions.map((d) => d.decisionId));
  const ownScore = full.scores.teams.find((s) => s.teamId === teamId);
  return {
    schema: full.schema,
    version: full.version,
    edition: { kind: 'player', teamId },
    state: full.state,
    generatedAt: full.generatedAt,
    overview: {
      exerciseId: o.exerciseId,
      name: o.name,
      status: o.status,
      pack: o.pack,
      summary: o.summary,
      // the audience line names every participating team
      scope: { ...o.scope, audience: null },
      threatActors: o.threatActors,
      threatActorGroups: o.threatActorGroups,
      objectives: o.objectives,
      coreCapabilities: o.coreCapabilities,
      // never the injects still to come or sent only to other teams
      injects: o.injects.filter((i) => played.has(i.id)),
      teams: team ? [{ ...team, participantNames: [] }] : [],
      startedAt: o.startedAt,
      endedAt: o.endedAt,
      scenarioElapsedMs: o.scenarioElapsedMs,
    },
    objectives: full.objectives.map((x) => ({
      objectiveId: x.objectiveId,
      text: x.text,
      coreCapability: x.coreCapability,
      teams: x.teams
        .filter((t) => t.teamId === teamId)
        .map((t) => ({
          teamId: t.teamId,
          rating: t.rating,
          observations: '',
          evaluator: null,
          at: t.at,
          eventId: null,
        })),
    })),
    findings: { drafted: false, strengths: [], improvements: [] },
    timeline: full.timeline
      .filter((e) => PLAYER_KINDS.has(e.kind))
      .filter((e) =>
        e.kind === 'clock'
          ? true
          : e.kind === 'decision'
            ? e.decisionId !== undefined &&
              ownDecisionIds.has(e.decisionId) &&
              (e.teamIds.length === 0 || e.teamIds.includes(teamId))
            : e.kind === 'inject'
              ? e.teamIds.includes(teamId) && (e.injectId === null || played.has(e.injectId))
              : mine(e.teamIds),
      )
      .map((e) => ({
        ...e,
        // other teams never appear: delivery and decision lines name this team only, control stays unnamed
        teamIds: [teamId],
        actor: e.kind === 'clock' || e.kind === 'inject' || e.kind === 'decision' ? 'exercise control' : e.actor,
      })),
    metrics,
    scores:
      opts.scoresVisible && ownScore
        ? {
            source: full.scores.source,
            expectedActions: [],
            teams: [
              {
                ...ownScore,
                items: ownScore.items.map((i) => ({
                  ...i,
                  source: 'rule' in i.source ? i.source : { rule: 'evaluator' },
                })),
              },
            ],
            byObjective: full.scores.byObjective.map((b) => ({
              objectiveId: b.objectiveId,
              teams: b.teams.filter((t) => t.teamId === teamId),
            })),
          }
        : { source: 'hidden', expectedActions: [], teams: [], byObjective: [] },
    coverage: full.coverage
      .filter((c) => c.injectIds.some((i) => played.has(i)))
      .map((c) => ({
        ...c,
        injectIds: c.injectIds.filter((i) => played.has(i)),
        teams: c.teams
          .filter((t) => t.teamId === teamId)
          .map((t) => (opts.scoresVisible ? t : { ...t, points: 0, max: 0 })),
      })),
    decisions: ownDecisions.map((d) => ({
      ...d,
      memberTeamIds: [teamId],
      votes: d.votes.filter((v) => v.teamId === teamId),
    })),
    rfis: full.rfis.filter((r) => r.teamId === teamId),
    responses: full.responses.filter((r) => r.teamId === teamId),
    hotwash: null,
    improvementPlan: [],
    deliveryAccuracy: null,
  };
}
