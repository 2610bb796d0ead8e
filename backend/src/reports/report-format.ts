import type { AfterActionReport, DeliveryAccuracySummary, InjectResponseStatus } from './report-model.js';
import { REPORT_MESSAGES, type ReportMessages } from './report-messages.js';

const EN = REPORT_MESSAGES.en;

/** Shared wording of the text exports (Markdown, PDF, CSV). */
export function clock(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.floor(Math.abs(ms) / 1000);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `T${ms < 0 ? '-' : '+'}${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

export function duration(ms: number | null, t: ReportMessages = EN): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return t.duration(0, 0, s);
  const m = Math.floor(s / 60);
  if (m < 60) return t.duration(0, m, s % 60);
  return t.duration(Math.floor(m / 60), m % 60, 0);
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();
/** "2026-12-07 07:45:00" in the report's time zone (UTC in English, KST in Korean). */
function wallParts(ms: number, t: ReportMessages): string {
  if (t.timeZone === 'UTC') return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  let f = wallFormats.get(t.timeZone);
  if (!f)
    wallFormats.set(
      t.timeZone,
      (f = new Intl.DateTimeFormat('en-CA', {
        timeZone: t.timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })),
    );
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A wall-clock instant with its zone: "2026-12-07 07:45:00 UTC", "2026-12-07 16:45:00 KST". */
export const wall = (ms: number | null, t: ReportMessages = EN) =>
  ms === null ? '—' : `${wallParts(ms, t)} ${t.zoneLabel}`;
/** The time of day alone, in the report's zone (the zone is named in the column header). */
export const wallTime = (ms: number, t: ReportMessages = EN) => wallParts(ms, t).slice(11, 19);

export const STATUS_LABEL: Record<InjectResponseStatus, string> = EN.status;

export function teamNames(r: AfterActionReport): Map<string, string> {
  return new Map(r.overview.teams.map((t) => [t.id, t.name]));
}

export const SECTION_TITLES = EN.sections;

/** A lateness in milliseconds for people: "12.4 ms", "2.31 s"; "—" when nothing was measured. */
export function latenessLabel(ms: number | null): string {
  if (ms === null) return '—';
  return Math.abs(ms) < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const DELIVERY_ACCURACY_NOTE = EN.deliveryNote;

/** The delivery-accuracy table (measure, median, p99, worst) and the counts under it, for every export. */
export function deliveryAccuracyRows(
  a: DeliveryAccuracySummary,
  t: ReportMessages = EN,
): { table: string[][]; counts: string[] } {
  const row = (label: string, s: DeliveryAccuracySummary['startLatenessMs']) => [
    label,
    latenessLabel(s.p50),
    latenessLabel(s.p99),
    latenessLabel(s.max),
  ];
  return {
    table: [row(t.deliveryStarted, a.startLatenessMs), row(t.deliveryEnded, a.endLatenessMs)],
    counts: t.deliveryCounts(a.broadcasts, a.lateCount, a.lateAfterMs / 1000, a.unrecorded),
  };
}

export function reportTitle(r: AfterActionReport, t: ReportMessages = EN): string {
  const team = r.edition.kind === 'player' ? r.overview.teams[0]?.name : undefined;
  return t.title(r.overview.name, team ?? null);
}

export function fileBase(r: AfterActionReport): string {
  const slug =
    r.overview.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'exercise';
  return `aar-${slug}${r.edition.kind === 'player' ? '-player' : ''}`;
}

/** Points with one decimal at most ("87.5", "243.9", "10"): sums of decimal points never show float noise. */
export function points(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** "12.5 / 75" */
export const pointsOf = (p: number, max: number) => `${points(p)} / ${points(max)}`;

/** Who took part: the names when the report may show them, else a count; never "0". */
export function participantsLabel(
  team: AfterActionReport['overview']['teams'][number],
  t: ReportMessages = EN,
): string {
  if (team.participantNames.length) return team.participantNames.join(', ');
  return t.participantsCount(team.participants);
}

/** Where the scores come from, in words a reader of the report understands. */
export const SCORE_SOURCE_LABEL: Record<AfterActionReport['scores']['source'], string> = {
  'scoring-service': EN.scoreSource,
  hidden: EN.scoresHidden,
};
export const scoreSourceLabel = (source: AfterActionReport['scores']['source'], t: ReportMessages = EN) =>
  source === 'hidden' ? t.scoresHidden : t.scoreSource;

/** "G0094 Kimsuky, G0032 Lazarus Group" (bare ids where the name is not known). */
export function threatActorsLabel(o: AfterActionReport['overview']): string {
  const groups = o.threatActorGroups ?? o.threatActors.map((id) => ({ id, name: null }));
  return groups.map((g) => (g.name ? `${g.id} ${g.name}` : g.id)).join(', ');
}

/** How the report measures response times, said once wherever times are shown. */
export const TIMING_NOTE = EN.timingNote;

/** A response time, or "during a pause" when the clock stood still (see TIMING_NOTE). */
export function responseTime(ms: number | null, whilePaused: boolean, t: ReportMessages = EN): string {
  if (ms === null) return '—';
  return whilePaused ? `${duration(ms, t)} (${t.duringPause})` : duration(ms, t);
}
