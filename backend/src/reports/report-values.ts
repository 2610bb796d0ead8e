/** Small readers and containers shared by the report's section builders. */

export const ANONYMOUS = 'A team member';

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
export const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
export const key = (a: string, b: string) => `${a}\u0000${b}`;
/** Scores are sums of decimal points: rounded so float noise (243.89999…) never reaches a reader. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A map keyed by two strings (team and inject, mostly). Nested maps instead of joined keys: the
 * log's tens of thousands of entries would otherwise each build and hash a fresh key string.
 */
export class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }
  has(a: string, b: string): boolean {
    return this.outer.get(a)?.has(b) ?? false;
  }
  set(a: string, b: string, v: V): void {
    let inner = this.outer.get(a);
    if (!inner) this.outer.set(a, (inner = new Map<string, V>()));
    inner.set(b, v);
  }
}
