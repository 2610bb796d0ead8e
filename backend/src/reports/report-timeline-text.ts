/**
 * The sentence for a timeline entry, rendered from its facts by the exports (the JSON carries ids and
 * details, not prose). The report page words its own from the interface's message files
 * (frontend/src/features/review/lib/timeline-text.ts); keep the two saying the same.
 */
import type { AfterActionReport, TimelineEntry } from './report-model.js';
import { addressee, REPORT_MESSAGES, type ReportMessages } from './report-messages.js';

const EN = REPORT_MESSAGES.en;

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
export function timelineNames(
  r: Pick<AfterActionReport, 'overview'> & Partial<Pick<AfterActionReport, 'decisions'>>,
): TimelineNames {
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

/** how late a delivery went out: "1.2 s", "3 min 05 s" */
export function lateBy(ms: number, t: ReportMessages = EN): string {
  if (ms < 60_000) return t.lateBy(0, (ms / 1000).toFixed(1));
  const s = Math.round(ms / 1000);
  return t.lateBy(Math.floor(s / 60), String(s % 60).padStart(2, '0'));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function describeTimelineEntry(e: TimelineEntry, names: TimelineNames, t: ReportMessages = EN): string {
  const d = e.detail ?? {};
  const l = t.tl;
  const text = (k: string): string | null => (typeof d[k] === 'string' ? d[k] : null);
  const team = (e.teamIds[0] ?? null) === null ? l.aTeam : names.team(e.teamIds[0] ?? '');
  const teams = e.teamIds.map((x) => names.team(x)).join(', ');
  const subject = e.injectId ? `“${clip(names.inject(e.injectId), 90)}”` : '';
  const who = e.actor === 'exercise control' ? l.exerciseControl : e.actor;
  const decision = `“${clip(names.decision(e.decisionId ?? ''), 90)}”`;
  const option = (id: string) =>
    e.decisionId ? names.option(e.decisionId, id) : e.injectId ? names.option(e.injectId, id) : id;
  switch (e.type) {
    case 'exercise.created':
    case 'exercise.start-scheduled':
    case 'exercise.started':
    case 'exercise.paused':
    case 'exercise.resumed':
    case 'exercise.speed-changed':
    case 'exercise.ended':
    case 'exercise.clock-reanchored':
      return `${l.clock[e.type] ?? e.type}${e.type === 'exercise.speed-changed' ? l.speedTo(typeof d.to === 'number' ? String(d.to) : '?') : ''}${who !== 'system' ? l.by(who) : ''}`;
    case 'inject.delivered':
      return l.delivered(
        subject,
        teams || l.noTeam,
        d.late === true ? l.late(typeof d.latenessMs === 'number' ? lateBy(d.latenessMs, t) : null) : null,
      );
    case 'inject.fired':
      return l.fired(who, subject);
    case 'inject.skipped':
      return l.skipped(who, subject);
    case 'inject.adhoc-created':
      return l.adhoc(who, subject);
    case 'inject.released':
      return l.released(subject);
    case 'participant.joined':
      return l.joined(who, team);
    case 'participant.removed':
      return l.removed(who, team);
    case 'team.join-code-rotated':
      return l.codeRotated(who, team);
    case 'team.seat-limit-changed':
      return l.seatCap(who, team, typeof d.seatLimit === 'number' ? d.seatLimit : null);
    case 'inject.acknowledged':
      return l.acknowledged(team, subject, who);
    case 'response.logged': {
      const options = Array.isArray(d.optionIds) ? d.optionIds : [];
      return l.responded(team, subject, who, options.map((o) => `“${option(o)}”`).join(', '));
    }
    case 'response.edited':
      return l.edited(team, subject, who);
    case 'thread.opened':
      return l.asked(team, addressee(text('to') ?? 'Exercise control', t), clip(text('subject') ?? '', 90));
    case 'thread.message':
      return d.sender === 'control' ? l.controlAnswered(text('authorName') ?? l.control, team) : l.teamWrote(team, who);
    case 'journal.note':
      return l.journal(who, clip(text('text') ?? '', 200));
    case 'settings.changed':
      return l.settings(who);
    case 'decision.opened':
      return l.decisionOpened(decision, teams);
    case 'decision.vote':
      return l.voted(
        team,
        option(text('choice') ?? ''),
        decision,
        text('reason') ? clip(text('reason') ?? '', 200) : null,
      );
    case 'decision.closed':
      return l.decisionClosed(
        decision,
        text('outcome') ? option(text('outcome') ?? '') : null,
        d.forced === true ? who : null,
      );
    case 'decision.extended':
      return l.extended(who, decision);
    case 'evaluation.recorded':
      return l.evaluated(who, team, subject, d.met === true);
    case 'score.adjusted':
      return l.adjusted(who, team, subject, typeof d.points === 'number' ? d.points : 0);
    case 'objective.rated':
      return l.rated(who, team, text('rating') ?? '?', clip(names.objective(text('objectiveId') ?? ''), 90));
    default:
      return e.type;
  }
}
