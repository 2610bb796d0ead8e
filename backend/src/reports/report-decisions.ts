import type { Inject } from '../scenarios/pack/pack-schema.js';
import type { LoggedEvent } from './report-inputs.js';
import type { DecisionRecord } from './report-model.js';
import { key, num, type PairMap, str, strs } from './report-values.js';

/**
 * The report's decisions section: every decision point opened (or voted on) in the log, with its
 * votes and outcome, one record per team for a team decision and one for a consensus decision.
 */
export function buildDecisions(
  events: LoggedEvent[],
  injects: Map<string, Inject>,
  delivered: PairMap<number>,
  teamIds: string[],
  teamByKey: Map<string, { id: string }>,
): DecisionRecord[] {
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
    if (shared && (!teamId || shared.memberTeamIds.includes(teamId) || shared.memberTeamIds.length === 0))
      return shared;
    return undefined;
  };
  const vote = (
    rec: DecisionRecord,
    teamId: string,
    choice: string,
    reason: string | null | undefined,
    at: number,
    scenarioMs: number | null,
  ) => {
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
      const rec = fresh(
        decisionId,
        str(p.injectId) ?? byDecision.get(decisionId)?.id ?? '',
        mode === 'team' ? (members[0] ?? '') : '',
        members,
      );
      rec.mode = mode;
      rec.status = 'open';
      rec.openedScenarioMs = e.scenarioMs;
      rec.deadlineScenarioMs = num(p.deadlineScenarioMs);
    } else if (e.type === 'decision.extended' && decisionId) {
      for (const rec of records.values())
        if (rec.decisionId === decisionId && rec.status === 'open')
          rec.deadlineScenarioMs = num(p.deadlineScenarioMs) ?? rec.deadlineScenarioMs;
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
      const members =
        d.mode === 'team'
          ? [teamId]
          : ((d.members ?? (inject.to === 'all' ? null : inject.to))?.map((k) => teamByKey.get(k)?.id ?? k) ??
            teamIds.filter((t) => delivered.has(t, injectId)));
      const rec = records.get(key(id, scope)) ?? fresh(id, injectId, scope, members);
      vote(rec, teamId, str(v.choice) ?? '', str(v.reason), e.atMs, e.scenarioMs);
    }
  }
  return [...records.values()].sort((a, b) => (a.openedScenarioMs ?? 0) - (b.openedScenarioMs ?? 0));
}
