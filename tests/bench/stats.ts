export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

export function summarise(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: q(50), p95: q(95), p99: q(99), max: s[s.length - 1] ?? NaN, min: s[0] ?? NaN };
}

export const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
export const row = (label: string, s: Summary) =>
  `${label.padEnd(44)} n=${String(s.n).padStart(6)}  p50=${fmt(s.p50).padStart(7)}  p95=${fmt(s.p95).padStart(7)}  p99=${fmt(s.p99).padStart(7)}  max=${fmt(s.max).padStart(7)} ms`;
