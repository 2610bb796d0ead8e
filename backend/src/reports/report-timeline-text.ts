/**
 * The sentence for a timeline entry, rendered from its facts by the report page and the exports alike
 * (the JSON carries ids and details, not prose). Imports nothing but types: the front end uses it too.
 */
import type { AfterActionReport, TimelineEntry } from './report-model.js';

export interface TimelineNames {
  team: (id: string) => string;
  inject: (id: string) => string;
  /** a decision's question */
  decision: (id: string) => string;
  /** a decision option's or a response option's label */
  option: (decisionOrInjectId: string, optionId: string) => string;
  objective: (id: string) => string;
}

/** Name lookups from the report itself (its overview lists the teams and injects the rows refer to). */
export function timelineNames(r: Pick<AfterActionReport, 'overview'> & Partial<Pick<AfterActionReport, 'decisions'>>): TimelineNames {
  const teams = new Map(r.overview.teams.map((t) => [t.id, t.name]));
  const injects = new Map(r.overview.injects.map((i) => [i.id, i.subject]));
  const questions = new Map((r.decisions ?? []).map((d) => [d.decisionId, d.question]));
  const options = new Map<string, string>();
  for (const i of r.overview.injects) for (const o of i.options ?? []) options.set(`${i.id}/${o.id}`, o.label);
  for (const d of r.decisions ?? []) for (const o of d.options) options.set(`${d.decisionId}/${o.id}`, o.label);
  const objectives = new Map(r.overview.objectives.map((o) => [o.id, o.text]));
  return {
    team: (id) => teams.get(id) ?? id,
    inject: (id) => injects.get(id) ?? id,
    decision: (id) => questions.get(id) ?? id,
    option: (owner, id) => options.get(`${owner}/${id}`) ?? id,
    objective: (id) => objectives.get(id) ?? id,
  };
}

const CLOCK: Record<string, string> = {
  'exercise.created': 'Exercise created',
  'exercise.start-scheduled': 'Start scheduled',
  'exercise.started': 'Exercise started',
  'exercise.paused': 'Exercise paused',
  'exercise.resumed': 'Exercise resumed',
  'exercise.speed-changed': 'Clock speed changed',
  'exercise.ended': 'Exercise ended',
  'exercise.clock-reanchored': 'System clock corrected; the exercise clock ran on unchanged',
};

/** how late a delivery went out: "1.2 s", "3 min 05 s" */
export function lateBy(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function describeTimelineEntry(e: TimelineEntry, names: TimelineNames): string {
  const d = e.detail ?? {};
  const text = (k: string): string | null => (typeof d[k] === 'string' ? d[k] : null);
  const team = (e.teamIds[0] ?? null) === null ? 'a team' : names.team(e.teamIds[0] ?? '');
  const teams = e.teamIds.map((t) => names.team(t)).join(', ');
  const subject = e.injectId ? `“${clip(names.inject(e.injectId), 90)}”` : '';
  const who = e.actor;
  const decision = `“${clip(names.decision(e.decisionId ?? ''), 90)}”`;
  const option = (id: string) => (e.decisionId ? names.option(e.decisionId, id) : e.injectId ? names.option(e.injectId, id) : id);
  switch (e.type) {
    case 'exercise.created':
    case 'exercise.start-scheduled':
    case 'exercise.started':
    case 'exercise.paused':
    case 'exercise.resumed':
    case 'exercise.speed-changed':
    case 'exercise.ended':
    case 'exercise.clock-reanchored':
      return `${CLOCK[e.type] ?? e.type}${e.type === 'exercise.speed-changed' ? ` to ×${typeof d.to === 'number' ? d.to : '?'}` : ''}${who !== 'system' ? ` by ${who}` : ''}`;
    case 'inject.delivered':
      return `Inject ${subject} delivered to ${teams || 'no team'}${d.late === true ? ` (late${typeof d.latenessMs === 'number' ? ` by ${lateBy(d.latenessMs)}` : ''})` : ''}`;
    case 'inject.fired':
      return `${who} fired inject ${subject} ahead of plan`;
    case 'inject.skipped':
      return `${who} skipped inject ${subject}`;
    case 'inject.adhoc-created':
      return `${who} wrote an ad-hoc inject ${subject}`;
    case 'inject.released':
      return `Inject ${subject} released by its trigger`;
    case 'participant.joined':
      return `${who} joined ${team}`;
    case 'participant.removed':
      return `${who} removed a player from ${team}`;
    case 'team.join-code-rotated':
      return `${who} gave ${team} a new join code`;
    case 'team.seat-limit-changed':
      return `${who} ${typeof d.seatLimit === 'number' ? `capped ${team} at ${d.seatLimit} seats` : `lifted the seat cap of ${team}`}`;
    case 'inject.acknowledged':
      return `${team} acknowledged ${subject} (${who})`;
    case 'response.logged': {
      const options = Array.isArray(d.optionIds) ? d.optionIds : [];
      return `${team} responded to ${subject} (${who})${options.length ? ` choosing ${options.map((o) => `“${option(o)}”`).join(', ')}` : ''}`;
    }
    case 'response.edited':
      return `${team} edited its response to ${subject} (${who})`;
    case 'thread.opened':
      return `${team} asked ${text('to') ?? 'exercise control'}: “${clip(text('subject') ?? '', 90)}”`;
    case 'thread.message':
      return d.sender === 'control' ? `${text('authorName') ?? 'Control'} answered ${team}` : `${team} wrote in its request thread (${who})`;
    case 'journal.note':
      return `Journal (${who}): ${clip(text('text') ?? '', 200)}`;
    case 'settings.changed':
      return `${who} changed the exercise settings`;
    case 'decision.opened':
      return `Decision ${decision} opened for ${teams}`;
    case 'decision.vote':
      return `${team} voted “${option(text('choice') ?? '')}” on decision ${decision}${text('reason') ? ` — reason: ${clip(text('reason') ?? '', 200)}` : ''}`;
    case 'decision.closed':
      return `Decision ${decision} closed: ${text('outcome') ? `“${option(text('outcome') ?? '')}”` : 'no outcome'}${d.forced === true ? ` (forced by ${who})` : ''}`;
    case 'decision.extended':
      return `${who} extended the deadline of decision ${decision}`;
    case 'evaluation.recorded':
      return `${who} evaluated ${team} on ${subject}: ${d.met === true ? 'met' : 'not met'}`;
    case 'score.adjusted':
      return `${who} adjusted ${team}'s score on ${subject} by ${typeof d.points === 'number' ? d.points : 0}`;
    case 'objective.rated':
      return `${who} rated ${team} “${text('rating') ?? '?'}” on objective “${clip(names.objective(text('objectiveId') ?? ''), 90)}”`;
    default:
      return e.type;
  }
}
