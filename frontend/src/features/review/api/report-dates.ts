import { formatWallTime } from '../../../lib/clock';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-03 07:06:52`: a date a reader anywhere parses the same way, with the consoles' 24-hour local time. */
export function formatDateTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '—';
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatWallTime(epochMs)}`;
}
