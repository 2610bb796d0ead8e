/**
 * Marks at one instant of one lane are fanned out across the lane's height (0, +1, −1, +2 … steps,
 * within the lane), so each stays visible and can be pointed at: answers and votes logged while the
 * clock stood still (a pause) all share one exercise time and used to be drawn on top of each other.
 */
export function fanOut<T extends { x: number; y: number }>(points: T[]): (T & { lane: number })[] {
  const seen = new Map<string, number>();
  return points.map((p) => {
    const key = `${p.y}:${p.x}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const step = Math.ceil(n / 2) * (n % 2 === 1 ? 1 : -1);
    const inLane = ((((step + 2) % 5) + 5) % 5) - 2;
    return { ...p, lane: p.y, y: p.y + inLane * 0.18 };
  });
}
