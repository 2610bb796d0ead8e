import type { ExpectedAction, Inject, Scoring } from '../scenarios/pack/pack-schema.js';
import { parseDurationMs } from '../scenarios/pack/pack-schema.js';

export const DEFAULT_SCORING: Required<Scoring> = { timelinessShare: 0.25, zeroAfter: 3 };

/**
 * What a scoring rule said, for the interface to word in the reader's language: `code` names the
 * rule, `params` fill it in (an option is named by its `label`, its id kept beside it; ids and
 * pack-authored text such as a distractor's `why` are content:
 * ids as written, the `why` as the pack's translation words it for a player or a report edition in
 * another language, see score-language.ts). The messages live in the client (`scoreRule.*` in common.json) and in the
 * report's exports.
 */
export type ScoreRuleCode =
  | 'option.chosen'
  | 'option.noneChosen'
  | 'action.needsEvaluator'
  | 'timeliness.noResponse'
  | 'timeliness.elapsed'
  | 'distractor.penalty'
  | 'distractor.cap'
  | 'adjustment.heldAtMax';

export type ScoreRuleParams = Record<string, string | number>;

/**
 * Every point traces to a rule or to an evaluator's decision. A rule keeps its English sentence
 * (`rule`: exports, the CLI, and cells stored before rules had codes, which carry only it).
 */
export type ScoreSource =
  { rule: string; code?: ScoreRuleCode; params?: ScoreRuleParams } | { evaluator: string; at: number; reason: string };

const ruleSource = (code: ScoreRuleCode, params: ScoreRuleParams, rule: string): ScoreSource => ({
  rule,
  code,
  params,
});

/** A distractor's words as a reader of another language reads them (the option's label and why it was wrong). */
export interface ScoreWording {
  language: string;
  label: string;
  why: string;
}

export interface ScoreItem {
  injectId: string;
  expectedActionId: string | null;
  kind: 'action' | 'timeliness' | 'adjustment';
  points: number;
  max: number;
  source: ScoreSource;
  /** staff only: a distractor line as the team read it, in each of its languages other than the reader's */
  teamWording?: ScoreWording[];
}

export interface ScoreCell {
  teamId: string;
  injectId: string;
  points: number;
  max: number;
  items: ScoreItem[];
}

/** The subset of the exercise event log that scores are made from. */
export interface ScoringEvent {
  id: number;
  type: string;
  atMs: number;
  scenarioMs: number | null;
  actor: string;
  payload: Record<string, unknown>;
}

export const SCORING_EVENT_TYPES = [
  'inject.delivered',
  'response.logged',
  'response.edited',
  'evaluation.recorded',
  'score.adjusted',
] as const;

const round1 = (x: number) => Math.round(x * 10) / 10;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The expected actions of an inject that a team is scored on (those aimed at it), by the team's key in the pack. */
export function actionsFor(inject: Pick<Inject, 'expectedActions'>, teamKey: string): ExpectedAction[] {
  return inject.expectedActions.filter((a) => !a.teams || a.teams.includes(teamKey));
}

/** Does this event concern this team's score on this inject? */
export function concerns(e: ScoringEvent, teamId: string, injectId: string): boolean {
  if (str(e.payload.injectId) !== injectId) return false;
  if (e.type === 'inject.delivered') return strs(e.payload.teamIds).includes(teamId);
  return str(e.payload.teamId) === teamId;
}

/**
 * One team's score on one inject, from the events that concern it (in log order). Pure and
 * deterministic: the live cells and a full recomputation from the log use this same function.
 * `teamKey` is the team's id in the pack (what expected actions name), when it differs from `teamId`.
 */
export function scoreCell(
  inject: Inject,
  packScoring: Scoring | undefined,
  teamId: string,
  events: ScoringEvent[],
  teamKey = teamId,
): ScoreCell {
  const config = { ...DEFAULT_SCORING, ...packScoring, ...inject.scoring };
  const deliveredAt = events.find((e) => e.type === 'inject.delivered')?.scenarioMs ?? null;
  const options = new Map<string, { optionIds: string[]; scenarioMs: number | null }>();
  const evaluations = new Map<string, { met: boolean; evaluator: string; at: number; reason: string }>();
  const items: ScoreItem[] = [];
  const adjustments: ScoreItem[] = [];
  let firstResponse: number | null = null;

  for (const e of events) {
    switch (e.type) {
      case 'response.logged':
        firstResponse ??= e.scenarioMs;
        options.set(str(e.payload.responseId), { optionIds: strs(e.payload.optionIds), scenarioMs: e.scenarioMs });
        break;
      case 'response.edited':
        options.set(str(e.payload.responseId), { optionIds: strs(e.payload.optionIds), scenarioMs: e.scenarioMs });
        break;
      case 'evaluation.recorded':
        evaluations.set(str(e.payload.expectedActionId), {
          met: e.payload.met === true,
          evaluator: e.actor,
          at: e.atMs,
          reason: str(e.payload.reason),
        });
        break;
      case 'score.adjusted': {
        const points = typeof e.payload.points === 'number' ? e.payload.points : 0;
        adjustments.push({
          injectId: inject.id,
          expectedActionId: null,
          kind: 'adjustment',
          points,
          max: 0,
          source: { evaluator: e.actor, at: e.atMs, reason: str(e.payload.reason) },
        });
        break;
      }
      default:
        break;
    }
  }

  const chosen = new Set([...options.values()].flatMap((o) => o.optionIds));
  let actionsMax = 0;
  // only the actions aimed at this team: on a shared inject, the others are other teams' work
  for (const action of actionsFor(inject, teamKey)) {
    actionsMax += action.points;
    const evaluation = evaluations.get(action.id);
    if (evaluation) {
      items.push({
        injectId: inject.id,
        expectedActionId: action.id,
        kind: 'action',
        points: evaluation.met ? action.points : 0,
        max: action.points,
        source: { evaluator: evaluation.evaluator, at: evaluation.at, reason: evaluation.reason },
      });
      continue;
    }
    const hit = action.options.find((o) => chosen.has(o));
    items.push({
      injectId: inject.id,
      expectedActionId: action.id,
      kind: 'action',
      points: hit ? action.points : 0,
      max: action.points,
      source: hit
        ? ruleSource(
            'option.chosen',
            { option: hit, label: inject.responseOptions.find((o) => o.id === hit)?.label ?? hit },
            `response option "${hit}" chosen`,
          )
        : action.options.length > 0
          ? ruleSource(
              'option.noneChosen',
              { options: action.options.map((o) => `"${o}"`).join(', ') },
              `none of the options ${action.options.map((o) => `"${o}"`).join(', ')} chosen yet`,
            )
          : ruleSource(
              'action.needsEvaluator',
              {},
              'judgement call: needs an evaluator (no response option maps to it)',
            ),
    });
  }

  if (inject.respondWithin && actionsMax > 0 && config.timelinessShare > 0) {
    // whole points: a share of odd action totals would otherwise leave maxima like 6.3 or 8.8
    const max = Math.round(actionsMax * config.timelinessShare);
    const within = parseDurationMs(inject.respondWithin);
    let points = 0;
    let source: ScoreSource;
    if (deliveredAt === null || firstResponse === null)
      source = ruleSource('timeliness.noResponse', {}, 'no response yet');
    else {
      const elapsed = firstResponse - deliveredAt;
      const zeroAt = within * config.zeroAfter;
      if (elapsed <= within) points = max;
      else if (elapsed < zeroAt) points = Math.round(max * (1 - (elapsed - within) / (zeroAt - within)));
      const mins = (ms: number) => Math.round(ms / 6000) / 10;
      source = ruleSource(
        'timeliness.elapsed',
        { elapsed: mins(elapsed), within: mins(within), zeroAt: mins(zeroAt) },
        `first response after ${mins(elapsed)} min (full within ${mins(within)} min, none after ${mins(zeroAt)} min)`,
      );
    }
    if (max > 0) items.push({ injectId: inject.id, expectedActionId: null, kind: 'timeliness', points, max, source });
  }

  // distractors: each chosen one costs its penalty, and the lowest cap of those chosen limits the rest
  let cap: { points: number; option: string; label: string; why: string } | null = null;
  const ruleMax = items.reduce((n, i) => n + i.max, 0);
  for (const option of inject.responseOptions) {
    const d = option.distractor;
    if (!d || !chosen.has(option.id)) continue;
    if (d.penalty > 0)
      items.push({
        injectId: inject.id,
        expectedActionId: null,
        kind: 'adjustment',
        points: -d.penalty,
        max: 0,
        source: ruleSource(
          'distractor.penalty',
          { option: option.id, label: option.label, penalty: d.penalty, why: d.why },
          `distractor "${option.id}" chosen (−${d.penalty}): ${d.why}`,
        ),
      });
    if (d.cap !== undefined) {
      const points = Math.floor(ruleMax * d.cap);
      if (!cap || points < cap.points) cap = { points, option: option.id, label: option.label, why: d.why };
    }
  }
  if (cap) {
    const earned = items.reduce((n, i) => n + i.points, 0);
    if (earned > cap.points)
      items.push({
        injectId: inject.id,
        expectedActionId: null,
        kind: 'adjustment',
        points: cap.points - earned,
        max: 0,
        source: ruleSource(
          'distractor.cap',
          { cap: cap.points, max: ruleMax, option: cap.option, label: cap.label, why: cap.why },
          `score capped at ${cap.points} of ${ruleMax}: distractor "${cap.option}" chosen: ${cap.why}`,
        ),
      });
  }

  // an evaluator's adjustments come after the rules, so they can still correct a capped score;
  // in log order, each from the score the evaluator saw. Never above the maximum: an adjustment can
  // give back points the rules withheld, not go beyond what the inject is worth, so totals,
  // percentages and the leaderboard stay comparable. The adjustment stays in the log and in the
  // trace; the item after it says what was cut, and why.
  const max = round1(items.reduce((n, i) => n + i.max, 0));
  let running = items.reduce((n, i) => n + i.points, 0);
  for (const a of adjustments) {
    items.push(a);
    running += a.points;
    if (a.points > 0 && running > max) {
      items.push({
        injectId: inject.id,
        expectedActionId: null,
        kind: 'adjustment',
        points: round1(max - running),
        max: 0,
        source: ruleSource(
          'adjustment.heldAtMax',
          { max, would: round1(running) },
          `held at the maximum of ${max}: the adjustment would bring this inject to ${round1(running)}`,
        ),
      });
      running = max;
    }
  }
  const points = round1(items.reduce((n, i) => n + i.points, 0));
  return { teamId, injectId: inject.id, points, max, items };
}

/** Every team's cells from the whole log: the recomputation that must equal the live totals. */
export function scoreAll(
  injects: Map<string, Inject>,
  packScoring: Scoring | undefined,
  teamIds: string[],
  events: ScoringEvent[],
  teamKeys: ReadonlyMap<string, string> = new Map(),
): ScoreCell[] {
  const cells: ScoreCell[] = [];
  const keys = new Set<string>();
  for (const e of events) {
    const injectId = str(e.payload.injectId);
    const teams = e.type === 'inject.delivered' ? strs(e.payload.teamIds) : [str(e.payload.teamId)];
    for (const t of teams) if (teamIds.includes(t) && injects.has(injectId)) keys.add(`${t}\u0000${injectId}`);
  }
  for (const key of [...keys].sort()) {
    const [teamId = '', injectId = ''] = key.split('\u0000');
    const inject = injects.get(injectId);
    if (inject)
      cells.push(
        scoreCell(
          inject,
          packScoring,
          teamId,
          events.filter((e) => concerns(e, teamId, injectId)),
          teamKeys.get(teamId),
        ),
      );
  }
  return cells;
}
