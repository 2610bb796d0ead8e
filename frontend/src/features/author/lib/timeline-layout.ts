import { type DraftInject, type DraftPack, DURATION, plannedTimes, toMs } from './pack-doc';

export type EdgeKind = 'after-inject' | 'decision-outcome' | 'response-option' | 'contingency';
export interface Edge {
  kind: EdgeKind;
  from: number;
  to: number;
  label: string;
  description: string;
}

export const EDGE_STYLE: Record<EdgeKind, { colour: string; dash?: string }> = {
  'after-inject': { colour: 'var(--mantine-color-gray-6)' },
  'decision-outcome': { colour: 'var(--mantine-color-violet-6)' },
  'response-option': { colour: 'var(--mantine-color-teal-6)' },
  contingency: { colour: 'var(--mantine-color-orange-6)', dash: '5 4' },
};

const delayText = (delay: string | undefined) => (delay && toMs(delay, DURATION) ? ` +${delay}` : '');

/** What an arrow says; the editor words it in the interface language (`timelineEdge.*` in author.json). */
export type EdgeWordKey =
  | 'injectN'
  | 'afterLabel'
  | 'afterDescription'
  | 'outcomeLabel'
  | 'outcomeDescription'
  | 'optionLabel'
  | 'optionDescription'
  | 'contingencyLabel'
  | 'contingencyDescription';
export type EdgeWords = (key: EdgeWordKey, params: Record<string, string>) => string;

const ENGLISH: Record<EdgeWordKey, string> = {
  injectN: 'inject {{n}}',
  afterLabel: 'after{{delay}}',
  afterDescription: '{{name}} is released{{delay}} after {{from}}',
  outcomeLabel: '◆ {{outcome}}{{delay}}',
  outcomeDescription: '{{name}} is released when decision {{decision}} ends with "{{outcome}}"',
  optionLabel: 'chose "{{option}}"',
  optionDescription: '{{name}} is released to a team that chose "{{option}}" on {{from}}',
  contingencyLabel: 'if not "{{action}}" by {{at}}',
  contingencyDescription:
    'contingency: {{name}} is released at {{at}} to teams that had not logged "{{actionText}}" on {{from}}',
};
/** The arrows' words in English, where no interface language is at hand. */
export const englishEdgeWords: EdgeWords = (key, params) =>
  ENGLISH[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');

/** The trigger of each inject as an edge from what releases it, labelled with the option or the missing action. */
export function triggerEdges(injects: readonly DraftInject[], words: EdgeWords = englishEdgeWords): Edge[] {
  const byId = new Map(injects.map((i, k) => [i.id, k]));
  const byDecision = new Map(injects.flatMap((i, k) => (i.decision?.id ? [[i.decision.id, k] as const] : [])));
  return injects.flatMap((inj, to): Edge[] => {
    const t = inj.trigger;
    const name = inj.id ?? words('injectN', { n: String(to + 1) });
    switch (t?.type) {
      case 'after-inject': {
        const from = byId.get(t.inject);
        const params = { name, delay: delayText(t.delay), from: t.inject ?? '' };
        return from === undefined
          ? []
          : [
              {
                kind: t.type,
                from,
                to,
                label: words('afterLabel', params),
                description: words('afterDescription', params),
              },
            ];
      }
      case 'decision-outcome': {
        const from = byDecision.get(t.decision ?? '');
        if (from === undefined) return [];
        const option = injects[from]?.decision?.options?.find((o) => o.id === t.outcome);
        const params = {
          name,
          outcome: option?.label ?? t.outcome ?? '?',
          delay: delayText(t.delay),
          decision: t.decision ?? '',
        };
        return [
          {
            kind: t.type,
            from,
            to,
            label: words('outcomeLabel', params),
            description: words('outcomeDescription', params),
          },
        ];
      }
      case 'response-option': {
        const from = byId.get(t.inject);
        if (from === undefined) return [];
        const option = injects[from]?.responseOptions?.find((o) => o.id === t.option)?.label ?? t.option ?? '?';
        const params = { name, option, from: t.inject ?? '' };
        return [
          {
            kind: t.type,
            from,
            to,
            label: words('optionLabel', params),
            description: words('optionDescription', params),
          },
        ];
      }
      case 'contingency': {
        const from = byId.get(t.inject);
        if (from === undefined) return [];
        const action = injects[from]?.expectedActions?.find((a) => a.id === t.expectedAction);
        const params = {
          name,
          action: t.expectedAction ?? '?',
          actionText: action?.text ?? t.expectedAction ?? '',
          at: t.at ?? '?',
          from: t.inject ?? '',
        };
        return [
          {
            kind: t.type,
            from,
            to,
            label: words('contingencyLabel', params),
            description: words('contingencyDescription', params),
          },
        ];
      }
      default:
        return [];
    }
  });
}

/** the least height of a lane: two lines of its name */
export const LANE = 46;
/** room at both ends of the track, so a marker at T+00:00 or at the end is not cut in half */
const PAD = 14;
/** markers closer than this in one lane go to another row of the lane: each is a 24 px target (WCAG 2.5.8) */
const MIN_GAP = 24;
const ROW = 24;
/** beyond this many rows a lane lets markers touch rather than grow without end */
const MAX_ROWS = 8;

export interface Marker {
  inject: number;
  lane: number;
  x: number;
  y: number;
  ms: number;
  estimated: boolean;
}
export interface PlacedEdge extends Edge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Pixel positions for a track `width` px wide: each inject's marker in each lane it reaches (markers
 * that would touch move to a second row of the lane), and each trigger edge between its markers.
 */
export function layoutTimeline(pack: DraftPack, width: number, words: EdgeWords = englishEdgeWords) {
  const teams = pack.teams ?? [];
  const injects = pack.injects ?? [];
  const times = plannedTimes(pack);
  const lastInject = Math.max(0, ...[...times.values()].map((t) => t.ms));
  const durationMs = Math.max(toMs(pack.duration, DURATION) ?? 0, lastInject, 60_000);
  const xOf = (ms: number) => PAD + (Math.min(ms, durationMs) / durationMs) * Math.max(1, width - 2 * PAD);
  const lanesOf = (inj: DraftInject) =>
    teams.flatMap((t, row) =>
      inj.to === 'all' || (Array.isArray(inj.to) && inj.to.includes(t.id ?? '')) ? [row] : [],
    );

  // each lane gets as many rows as its busiest moment needs (markers at one time are often the
  // alternative branches of one decision), and its height follows
  const placed = teams.map((_, lane) => {
    const here = injects.flatMap((inj, k) => {
      const at = times.get(k);
      return at && lanesOf(inj).includes(lane) ? [{ k, at, x: xOf(at.ms), row: 0 }] : [];
    });
    here.sort((a, b) => a.at.ms - b.at.ms || a.k - b.k);
    const lastX: number[] = [];
    for (const m of here) {
      let row = lastX.findIndex((lx) => m.x - lx >= MIN_GAP);
      if (row < 0) row = lastX.length < MAX_ROWS ? lastX.length : lastX.indexOf(Math.min(...lastX));
      lastX[row] = m.x;
      m.row = row;
    }
    return { here, rows: Math.max(1, lastX.length) };
  });
  const laneHeights = placed.map((p) => Math.max(LANE, p.rows * ROW + 8));
  const laneTops = laneHeights.map((_, i) => laneHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const markers: Marker[] = placed.flatMap((p, lane) => {
    const top = (laneTops[lane] ?? 0) + ((laneHeights[lane] ?? LANE) - p.rows * ROW) / 2;
    return p.here.map((m) => ({
      inject: m.k,
      lane,
      x: m.x,
      y: top + m.row * ROW + ROW / 2,
      ms: m.at.ms,
      estimated: m.at.estimated,
    }));
  });
  const markerAt = new Map(markers.map((m) => [`${m.inject}@${m.lane}`, m]));

  const edges = triggerEdges(injects, words).flatMap((e): PlacedEdge[] => {
    const fromInject = injects[e.from];
    const toInject = injects[e.to];
    if (!fromInject || !toInject) return [];
    const fromLanes = lanesOf(fromInject);
    const toLanes = lanesOf(toInject);
    // stay in one lane when both injects reach the same team, so the arrow reads along the lane
    const shared = toLanes.find((r) => fromLanes.includes(r));
    const a = markerAt.get(`${e.from}@${shared ?? fromLanes[0]}`);
    const b = markerAt.get(`${e.to}@${shared ?? toLanes[0]}`);
    return a && b ? [{ ...e, x1: a.x, y1: a.y, x2: b.x, y2: b.y }] : [];
  });
  const unplaced = injects.filter((_, k) => !times.has(k));
  return {
    durationMs,
    xOf,
    markers,
    edges,
    unplaced,
    laneTops,
    laneHeights,
    height: laneHeights.reduce((a, b) => a + b, 0),
  };
}

/** Clock ticks at a step that leaves at least `minPx` between labels. */
export function ticksFor(durationMs: number, width: number, minPx = 90): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240].map((m) => m * 60_000);
  const step = steps.find((s) => (s / durationMs) * width >= minPx) ?? durationMs;
  return Array.from({ length: Math.floor(durationMs / step) + 1 }, (_, k) => k * step);
}
