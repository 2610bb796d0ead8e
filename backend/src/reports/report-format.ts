import type { AfterActionReport, InjectResponseStatus } from './report-model.js';

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
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
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
} as const;

export function reportTitle(r: AfterActionReport): string {
  const team = r.edition.kind === 'player' ? r.overview.teams[0]?.name : undefined;
  return `After-Action Report${team ? ` — ${team} (player edition)` : ''}: ${r.overview.name}`;
}

export function fileBase(r: AfterActionReport): string {
  const slug = r.overview.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'exercise';
  return `aar-${slug}${r.edition.kind === 'player' ? '-player' : ''}`;
}
