import type { AfterActionReport, DeliveryAccuracySummary, InjectResponseStatus } from './report-model.js';

/** Shared wording of the text exports (Markdown, PDF, CSV). */
export function clock(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.floor(Math.abs(ms) / 1000);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `T${ms < 0 ? '-' : '+'}${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

export const wall = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

export const STATUS_LABEL: Record<InjectResponseStatus, string> = { 'on-time': 'on time', late: 'late', missed: 'missed', pending: 'pending', 'no-target': 'no target' };

export function teamNames(r: AfterActionReport): Map<string, string> {
  return new Map(r.overview.teams.map((t) => [t.id, t.name]));
}

export const SECTION_TITLES = {
  overview: 'Exercise overview',
  objectives: 'Objectives and core capabilities',
  findings: 'Strengths and areas for improvement',
  metrics: 'Team performance',
  scores: 'Score breakdown',
  coverage: 'ATT&CK and DISARM coverage',
  decisions: 'Decision log',
  timeline: 'Timeline',
  rfis: 'Requests for information',
  hotwash: 'Hotwash',
  plan: 'Improvement plan',
  delivery: 'Delivery accuracy',
} as const;

/** A lateness in milliseconds for people: "12.4 ms", "2.31 s"; "—" when nothing was measured. */
export function latenessLabel(ms: number | null): string {
  if (ms === null) return '—';
  return Math.abs(ms) < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const DELIVERY_ACCURACY_NOTE =
  'How close to their planned instants the injects reached the teams, as each broadcast recorded it: from the instant an inject was due to the start of its broadcast to the teams, and to its end (every connected player handed the inject).';

/** The delivery-accuracy table (measure, median, p99, worst) and the counts under it, for every export. */
export function deliveryAccuracyRows(a: DeliveryAccuracySummary): { table: string[][]; counts: string[] } {
  const row = (label: string, s: DeliveryAccuracySummary['startLatenessMs']) => [label, latenessLabel(s.p50), latenessLabel(s.p99), latenessLabel(s.max)];
  return {
    table: [row('Broadcast started after its instant', a.startLatenessMs), row('Broadcast ended after its instant', a.endLatenessMs)],
    counts: [
      `${a.broadcasts} broadcast(s) measured`,
      `${a.lateCount} delivery(ies) late (broadcast over ${a.lateAfterMs / 1000} s after the instant: after a restart or a stall); each is marked in the timeline`,
      `${a.unrecorded} delivery(ies) without a recorded broadcast time`,
    ],
  };
}

export function reportTitle(r: AfterActionReport): string {
  const team = r.edition.kind === 'player' ? r.overview.teams[0]?.name : undefined;
  return `After-Action Report${team ? ` — ${team} (player edition)` : ''}: ${r.overview.name}`;
}

export function fileBase(r: AfterActionReport): string {
  const slug = r.overview.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'exercise';
  return `aar-${slug}${r.edition.kind === 'player' ? '-player' : ''}`;
}

/** Points with one decimal at most ("87.5", "243.9", "10"): sums of decimal points never show float noise. */
export function points(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** "12.5 / 75" */
export const pointsOf = (p: number, max: number) => `${points(p)} / ${points(max)}`;

/** Who took part: the names when the report may show them, else a count; never "0". */
export function participantsLabel(t: AfterActionReport['overview']['teams'][number]): string {
  if (t.participantNames.length) return t.participantNames.join(', ');
  if (t.participants === 0) return 'no players joined';
  return t.participants === 1 ? '1 player' : `${t.participants} players`;
}

/** Where the scores come from, in words a reader of the report understands. */
export const SCORE_SOURCE_LABEL: Record<AfterActionReport['scores']['source'], string> = {
  'scoring-service': 'Scores as recorded during the exercise: the pack’s scoring rules and the evaluators’ marks.',
  hidden: 'Scores are not shared with teams for this exercise.',
};

/** "G0094 Kimsuky, G0032 Lazarus Group" (bare ids where the name is not known). */
export function threatActorsLabel(o: AfterActionReport['overview']): string {
  const groups = o.threatActorGroups ?? o.threatActors.map((id) => ({ id, name: null }));
  return groups.map((g) => (g.name ? `${g.id} ${g.name}` : g.id)).join(', ');
}

/** How the report measures response times, said once wherever times are shown. */
export const TIMING_NOTE =
  'Times are on the exercise clock, from delivery to the team. The clock stands still while the exercise is paused: an acknowledgement or response logged during a pause counts (on time if its target had not passed) but its time is marked “during a pause” and left out of the medians.';

/** A response time, or "during a pause" when the clock stood still (see TIMING_NOTE). */
export function responseTime(ms: number | null, whilePaused: boolean): string {
  if (ms === null) return '—';
  return whilePaused ? `${duration(ms)} (during a pause)` : duration(ms);
}
