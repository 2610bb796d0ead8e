import type { TFunction } from 'i18next';

/**
 * The sentence for a timeline entry in the interface language, from the entry's facts (the report
 * JSON carries ids and details, not prose). The exports build theirs on the server in the language
 * they are handed out in; the page speaks the reader's.
 */
/** What a sentence is built from: a report's `TimelineEntry` (structural, so this file imports no app code). */
export interface TimelineFacts {
  type: string;
  actor: string;
  teamIds: readonly string[];
  injectId?: string | null;
  decisionId?: string | null;
  detail?: { readonly [k: string]: unknown } | null;
}
interface Named {
  id: string;
  label: string;
}
/** The parts of a report the names come from. */
export interface ReportNames {
  overview: {
    teams: readonly { id: string; name: string }[];
    injects: readonly { id: string; subject: string; options?: readonly Named[] | null }[];
    objectives: readonly { id: string; text: string }[];
  };
  decisions?: readonly { decisionId: string; question: string; options: readonly Named[] }[];
}

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
export function timelineNames(r: ReportNames): TimelineNames {
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

const CLOCK = {
  'exercise.created': 'created',
  'exercise.start-scheduled': 'startScheduled',
  'exercise.started': 'started',
  'exercise.paused': 'paused',
  'exercise.resumed': 'resumed',
  'exercise.speed-changed': 'speedChanged',
  'exercise.ended': 'ended',
  'exercise.clock-reanchored': 'reanchored',
} as const;
const isClock = (type: string): type is keyof typeof CLOCK => type in CLOCK;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** How late a delivery went out: "1.2 s", "3 min 05 s". */
export function lateBy(ms: number, t: TFunction<'review'>): string {
  if (ms < 60_000) return t('tl.seconds', { s: (ms / 1000).toFixed(1) });
  const s = Math.round(ms / 1000);
  return t('tl.minutesSeconds', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
}

export function describeTimelineEntry(e: TimelineFacts, names: TimelineNames, t: TFunction<'review'>): string {
  const d = e.detail ?? {};
  const text = (k: string): string | null => (typeof d[k] === 'string' ? d[k] : null);
  const team = (e.teamIds[0] ?? null) === null ? t('tl.aTeam') : names.team(e.teamIds[0] ?? '');
  const teams = e.teamIds.map((x) => names.team(x)).join(', ');
  const subject = e.injectId ? `“${clip(names.inject(e.injectId), 90)}”` : '';
  const who = e.actor === 'exercise control' ? t('tl.exerciseControl') : e.actor;
  const decision = `“${clip(names.decision(e.decisionId ?? ''), 90)}”`;
  const option = (id: string) =>
    e.decisionId ? names.option(e.decisionId, id) : e.injectId ? names.option(e.injectId, id) : id;
  if (isClock(e.type)) {
    const parts = [t(`tl.clock.${CLOCK[e.type]}`)];
    if (e.type === 'exercise.speed-changed') parts.push(t('tl.speedTo', { x: typeof d.to === 'number' ? d.to : '?' }));
    if (who !== 'system') parts.push(t('tl.by', { who }));
    return parts.join(' ');
  }
  switch (e.type) {
    case 'inject.delivered': {
      const line = t('tl.delivered', { subject, teams: teams || t('tl.noTeam') });
      if (d.late !== true) return line;
      const late = typeof d.latenessMs === 'number' ? t('tl.lateBy', { by: lateBy(d.latenessMs, t) }) : t('tl.late');
      return `${line} ${late}`;
    }
    case 'inject.fired':
      return t('tl.fired', { who, subject });
    case 'inject.skipped':
      return t('tl.skipped', { who, subject });
    case 'inject.adhoc-created':
      return t('tl.adhoc', { who, subject });
    case 'inject.released':
      return t('tl.released', { subject });
    case 'participant.joined':
      return t('tl.joined', { who, team });
    case 'participant.removed':
      return t('tl.removed', { who, team });
    case 'team.join-code-rotated':
      return t('tl.codeRotated', { who, team });
    case 'team.seat-limit-changed':
      return typeof d.seatLimit === 'number'
        ? t('tl.seatCap', { who, team, seats: d.seatLimit })
        : t('tl.seatCapLifted', { who, team });
    case 'inject.acknowledged':
      return t('tl.acknowledged', { team, subject, who });
    case 'response.logged': {
      const ids: unknown[] = Array.isArray(d.optionIds) ? d.optionIds : [];
      const options = ids.map((o) => `“${option(String(o))}”`).join(', ');
      return options
        ? t('tl.respondedChoosing', { team, subject, who, options })
        : t('tl.responded', { team, subject, who });
    }
    case 'response.edited':
      return t('tl.edited', { team, subject, who });
    case 'thread.opened': {
      const to = text('to') ?? 'Exercise control';
      return t('tl.asked', {
        team,
        to: to === 'Exercise control' ? t('tl.exerciseControl') : to,
        subject: clip(text('subject') ?? '', 90),
      });
    }
    case 'thread.message':
      return d.sender === 'control'
        ? t('tl.controlAnswered', { author: text('authorName') ?? t('tl.control'), team })
        : t('tl.teamWrote', { team, who });
    case 'journal.note':
      return t('tl.journal', { who, text: clip(text('text') ?? '', 200) });
    case 'settings.changed':
      return t('tl.settings', { who });
    case 'decision.opened':
      return t('tl.decisionOpened', { decision, teams });
    case 'decision.vote': {
      const choice = option(text('choice') ?? '');
      const reason = text('reason');
      return reason
        ? t('tl.votedReason', { team, choice, decision, reason: clip(reason, 200) })
        : t('tl.voted', { team, choice, decision });
    }
    case 'decision.closed': {
      const outcome = text('outcome') ? `“${option(text('outcome') ?? '')}”` : t('tl.noOutcome');
      return d.forced === true
        ? t('tl.decisionClosedForced', { decision, outcome, who })
        : t('tl.decisionClosed', { decision, outcome });
    }
    case 'decision.extended':
      return t('tl.extended', { who, decision });
    case 'evaluation.recorded':
      return t(d.met === true ? 'tl.evaluatedMet' : 'tl.evaluatedNotMet', { who, team, subject });
    case 'score.adjusted':
      return t('tl.adjusted', { who, team, subject, points: typeof d.points === 'number' ? d.points : 0 });
    case 'objective.rated':
      return t('tl.rated', {
        who,
        team,
        rating: text('rating') ?? '?',
        objective: clip(names.objective(text('objectiveId') ?? ''), 90),
      });
    default:
      return e.type;
  }
}
