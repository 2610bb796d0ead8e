/** Ids for generated pack content: lower-case slugs the pack schema accepts, unique within a set. */
export function slugify(text: string, fallback: string): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(s) ? s : fallback;
}

export class UniqueIds {
  private readonly used = new Set<string>();

  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base.slice(0, 70)}-${n}`;
    this.used.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}

export const SLUG = /^[a-z0-9][a-z0-9-_.]*$/;

/** An `hh:mm` duration long enough to hold `lastMs`, rounded up to the next quarter hour (at least 15 min). */
export function durationCovering(lastMs: number): string {
  const quarter = 15 * 60_000;
  const total = Math.max(quarter, Math.ceil((lastMs + 60_000) / quarter) * quarter);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `T+hh:mm[:ss]` as the pack schema writes it (seconds only when there are some). */
export function offsetOf(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T+${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}
