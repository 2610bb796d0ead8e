import { useTranslation } from 'react-i18next';
import { ActionIcon, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import { IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import { type PointerEvent as ReactPointerEvent, useEffect, useRef, useState } from 'react';
import { type DraftPack, formatOffset } from '../lib/pack-doc';
import { EDGE_STYLE, type EdgeWords, LANE, layoutTimeline, ticksFor } from '../lib/timeline-layout';

const LABEL_WIDTH = 200;
const LABEL_LINE = 14;
/** average advance of an 11 px label character, to know how wide a label is before it is drawn */
const CHAR_PX = 6.3;
/** a wide (Hangul, CJK) character takes about twice a Latin one */
const labelWidth = (label: string) =>
  [...label].reduce(
    (w, c) => w + (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]/.test(c) ? 2 : 1),
    0,
  ) *
    CHAR_PX +
  8;

/**
 * Positions for the labels shown: near the middle of their arrow, moved up or down a line at a time
 * until they overlap no label placed before them.
 */
function placeLabels<E extends { x1: number; y1: number; x2: number; y2: number; label: string }>(
  items: { n: number; e: E }[],
  width: number,
  height: number,
) {
  const placed: { n: number; e: E; x: number; y: number; w: number }[] = [];
  for (const { n, e } of items) {
    const w = labelWidth(e.label);
    const x = Math.min(Math.max((e.x1 + e.x2) / 2, w / 2), Math.max(w / 2, width - w / 2));
    const want = Math.max(10, Math.min(e.y1, e.y2) - 6);
    const free = (y: number) =>
      placed.every((p) => Math.abs(p.y - y) >= LABEL_LINE || Math.abs(p.x - x) >= (p.w + w) / 2);
    let y = want;
    for (let k = 1; !free(y) && k < 40; k++) {
      const up = want - LABEL_LINE * Math.ceil(k / 2) * (k % 2 ? 1 : -1);
      if (up >= 10 && up <= height + 10) y = up;
    }
    placed.push({ n, e, x, y, w });
  }
  return placed;
}
const ZOOMS = [1, 1.5, 2, 3, 4, 6, 8, 12];

/** Which markers or edge the pointer or the keyboard is on: their edges show their labels. */
type Focus = { kind: 'inject'; k: number } | { kind: 'edge'; n: number } | null;

/**
 * One lane per team across the exercise clock. Injects released by a trigger are dashed; an
 * inject that asks for a decision is a diamond; each trigger is an arrow from what releases it.
 * At 60+ injects everything cannot be labelled at once: the track zooms (buttons, Ctrl + wheel)
 * and pans (drag, scroll), and an edge's label shows when its arrow or one of its injects is
 * hovered, focused or selected.
 */
export function TimelineSwimlanes({
  pack,
  selected,
  onSelect,
}: {
  pack: DraftPack;
  selected: number;
  onSelect: (i: number) => void;
}) {
  const { t } = useTranslation('author');
  const teams = pack.teams ?? [];
  const injects = pack.injects ?? [];
  const { ref: sizeRef, width: viewportWidth } = useElementSize<HTMLDivElement>();
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewportRefs = useMergedRef(viewportRef, sizeRef);
  const [zoom, setZoom] = useState(1);
  const [focus, setFocus] = useState<Focus>(null);
  const width = Math.max(300, viewportWidth) * zoom;
  // the arrows' words in the interface language; ids and the pack's labels inside them as written
  // (every EdgeWordKey has its message under timelineEdge, each with its own placeholders: the typed
  // `t` cannot check a key built at run time against its parameters, so this one call is untyped)
  const edgeWord = t as unknown as (key: string, params: Record<string, string>) => string;
  const words: EdgeWords = (key, params) => edgeWord(`timelineEdge.${key}`, params);
  const { durationMs, xOf, markers, edges, unplaced, laneTops, laneHeights, height } = layoutTimeline(
    pack,
    width,
    words,
  );
  const ticks = ticksFor(durationMs, width);
  const markersRef = useRef(markers);
  useEffect(() => {
    markersRef.current = markers;
  });

  // zooming keeps the same moment under the pointer (or the centre); a new selection is brought into view
  const anchor = useRef<{ ms: number; px: number } | null>(null);
  const zoomTo = (next: number, px?: number) => {
    const el = viewportRef.current;
    if (!el) return setZoom(next);
    const at = px ?? el.clientWidth / 2;
    anchor.current = { ms: ((el.scrollLeft + at) / width) * durationMs, px: at };
    setZoom(next);
  };
  useEffect(() => {
    const el = viewportRef.current;
    const a = anchor.current;
    if (!el || !a) return;
    anchor.current = null;
    el.scrollLeft = Math.max(0, xOf(a.ms) - a.px);
  });
  // only when the selection or the zoom changes, not on every edit of the pack (hence the markers by ref)
  useEffect(() => {
    const el = viewportRef.current;
    const m = markersRef.current.find((x) => x.inject === selected);
    if (!el || !m) return;
    if (m.x < el.scrollLeft + 20 || m.x > el.scrollLeft + el.clientWidth - 20)
      el.scrollLeft = Math.max(0, m.x - el.clientWidth / 2);
  }, [selected, zoom]);

  const step = (dir: 1 | -1) => {
    const i = ZOOMS.indexOf(zoom);
    const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (i < 0 ? 0 : i) + dir))] ?? 1;
    if (next !== zoom) zoomTo(next);
  };
  // Ctrl/⌘ + wheel zooms around the pointer; a plain wheel scrolls the page as usual
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const i = ZOOMS.indexOf(zoom);
      const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, i + (e.deltaY < 0 ? 1 : -1)))] ?? zoom;
      if (next !== zoom) zoomTo(next, e.clientX - el.getBoundingClientRect().left);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  // drag the background to pan
  const drag = useRef<{ x: number; left: number } | null>(null);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    drag.current = { x: e.clientX, left: e.currentTarget.scrollLeft };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current) e.currentTarget.scrollLeft = drag.current.left - (e.clientX - drag.current.x);
  };
  const endDrag = () => {
    drag.current = null;
  };

  const touches = (e: { from: number; to: number }, k: number) => e.from === k || e.to === k;
  const active = (e: { from: number; to: number }, n: number) =>
    (focus?.kind === 'edge' && focus.n === n) ||
    (focus?.kind === 'inject' && touches(e, focus.k)) ||
    touches(e, selected);
  const shown = edges.flatMap((e, n) => (active(e, n) ? [n] : []));

  return (
    <Box data-testid="timeline" role="figure" aria-label={t('timeline.label')}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {t('timeline.hint', { injects: injects.length, teams: teams.length })}
        </Text>
        <Group gap={4} wrap="nowrap" aria-label={t('timeline.zoom')}>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={t('timeline.zoomOut')}
            onClick={() => step(-1)}
            disabled={zoom === ZOOMS[0]}
            data-testid="timeline-zoom-out"
          >
            <IconZoomOut size={14} />
          </ActionIcon>
          <Text size="xs" ff="monospace" w={40} ta="center" data-testid="timeline-zoom" aria-live="polite">
            ×{zoom}
          </Text>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={t('timeline.zoomIn')}
            onClick={() => step(1)}
            disabled={zoom === ZOOMS[ZOOMS.length - 1]}
            data-testid="timeline-zoom-in"
          >
            <IconZoomIn size={14} />
          </ActionIcon>
          <Button size="compact-xs" variant="default" onClick={() => zoomTo(1)} disabled={zoom === 1}>
            {t('timeline.fit')}
          </Button>
        </Group>
      </Group>
      <Group gap={0} wrap="nowrap" align="flex-start">
        <Box w={LABEL_WIDTH} style={{ flexShrink: 0 }} pt={18}>
          {teams.map((team, lane) => (
            <Box
              key={team.id ?? team.name}
              h={laneHeights[lane] ?? LANE}
              pr="xs"
              style={{
                borderTop: '1px solid var(--mantine-color-default-border)',
                display: 'flex',
                alignItems: 'center',
              }}
            >
              {/* two lines at most; the full name is in the tooltip when even that is too short */}
              <Text
                size="xs"
                lh={1.25}
                lineClamp={2}
                title={team.name ?? team.id}
                translate="no"
                data-testid={`lane-name-${team.id ?? ''}`}
              >
                {team.name ?? team.id}
              </Text>
            </Box>
          ))}
        </Box>
        <Box
          ref={viewportRefs}
          style={{
            flex: 1,
            minWidth: 0,
            overflowX: 'auto',
            overflowY: 'hidden',
            cursor: zoom > 1 ? 'grab' : undefined,
            touchAction: 'pan-x pan-y',
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          data-testid="timeline-viewport"
        >
          <Box
            style={{ position: 'relative', width, height: 18 + height + 4 }}
            data-testid="timeline-track"
            data-width={Math.round(width)}
          >
            {ticks.map((t) => (
              <Text
                key={t}
                size="10px"
                c="dimmed"
                ff="monospace"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: xOf(t),
                  transform: 'translateX(-50%)',
                  whiteSpace: 'nowrap',
                }}
              >
                <span translate="no">{formatOffset(t)}</span>
              </Text>
            ))}
            <Box style={{ position: 'absolute', top: 18, left: 0, width, height }}>
              {teams.map((team, lane) => (
                <Box
                  key={team.id ?? team.name}
                  data-testid={`lane-${team.id ?? ''}`}
                  style={{
                    position: 'absolute',
                    left: 0,
                    top: laneTops[lane] ?? 0,
                    width,
                    height: laneHeights[lane] ?? LANE,
                    borderTop: '1px solid var(--mantine-color-default-border)',
                  }}
                />
              ))}
              {ticks.map((t) => (
                <Box
                  key={t}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: xOf(t),
                    height,
                    borderLeft: '1px dotted var(--mantine-color-default-border)',
                  }}
                />
              ))}
              {markers.map((m) => {
                const inj = injects[m.inject];
                if (!inj) return null;
                const k = m.inject;
                const label = [
                  t('timeline.at', { subject: inj.subject ?? inj.id ?? '', at: formatOffset(m.ms) }),
                  m.estimated ? t('timeline.estimated') : '',
                  inj.decision?.question ? t('timeline.asks', { question: inj.decision.question }) : '',
                ].join('');
                const colour = inj.decision ? 'violet' : 'blue';
                return (
                  <Tooltip
                    key={`${k}@${m.lane}`}
                    label={`${inj.id ?? ''}: ${label}`}
                    withArrow
                    multiline
                    maw={320}
                    openDelay={150}
                  >
                    <button
                      type="button"
                      onClick={() => onSelect(k)}
                      onMouseEnter={() => setFocus({ kind: 'inject', k })}
                      onMouseLeave={() => setFocus(null)}
                      onFocus={() => setFocus({ kind: 'inject', k })}
                      onBlur={() => setFocus(null)}
                      data-testid={`timeline-inject-${inj.id ?? k}`}
                      data-offset={formatOffset(m.ms)}
                      data-decision={inj.decision?.id}
                      aria-label={label}
                      aria-pressed={k === selected}
                      // a 24 px target (WCAG 2.5.8) around the 14 px marker drawn inside it
                      style={{
                        position: 'absolute',
                        left: m.x,
                        top: m.y - 12,
                        width: 24,
                        height: 24,
                        padding: 0,
                        zIndex: 2,
                        cursor: 'pointer',
                        transform: 'translateX(-50%)',
                        border: 0,
                        background: 'transparent',
                        display: 'grid',
                        placeItems: 'center',
                      }}
                    >
                      <span
                        aria-hidden
                        style={{
                          width: 14,
                          height: 16,
                          borderRadius: inj.decision ? 2 : 8,
                          transform: inj.decision ? 'rotate(45deg) scale(0.85)' : undefined,
                          border: `2px ${m.estimated ? 'dashed' : 'solid'} var(--mantine-color-${colour}-6)`,
                          background: k === selected ? `var(--mantine-color-${colour}-6)` : 'var(--mantine-color-body)',
                          boxShadow: k === selected ? `0 0 0 3px var(--mantine-color-${colour}-light)` : undefined,
                        }}
                      />
                    </button>
                  </Tooltip>
                );
              })}
              {edges.length > 0 && (
                <svg
                  width={width}
                  height={height}
                  style={{
                    position: 'absolute',
                    left: 0,
                    top: 0,
                    overflow: 'visible',
                    zIndex: 1,
                    pointerEvents: 'none',
                  }}
                  data-testid="timeline-edges"
                >
                  <defs>
                    {Object.entries(EDGE_STYLE).map(([kind, s]) => (
                      <marker
                        key={kind}
                        id={`ttx-arrow-${kind}`}
                        viewBox="0 0 10 10"
                        refX="17"
                        refY="5"
                        markerWidth="6"
                        markerHeight="6"
                        orient="auto-start-reverse"
                      >
                        <path d="M 0 0 L 10 5 L 0 10 z" fill={s.colour} />
                      </marker>
                    ))}
                  </defs>
                  {edges.map((e, n) => {
                    const s = EDGE_STYLE[e.kind];
                    const fromId = injects[e.from]?.id ?? String(e.from);
                    const toId = injects[e.to]?.id ?? String(e.to);
                    const on = shown.includes(n);
                    return (
                      <g
                        key={`${e.from}-${e.to}`}
                        role="img"
                        aria-label={e.description}
                        data-testid={`timeline-edge-${fromId}-${toId}`}
                        data-kind={e.kind}
                        data-label={e.label}
                        data-active={on || undefined}
                        opacity={shown.length && !on ? 0.45 : 1}
                      >
                        <title>{e.description}</title>
                        <line
                          x1={e.x1}
                          y1={e.y1}
                          x2={e.x2}
                          y2={e.y2}
                          stroke={s.colour}
                          strokeWidth={on ? 2.5 : 1.5}
                          strokeDasharray={s.dash}
                          markerEnd={`url(#ttx-arrow-${e.kind})`}
                        />
                        {/* a wider, invisible stroke: the arrow is easy to point at */}
                        <line
                          x1={e.x1}
                          y1={e.y1}
                          x2={e.x2}
                          y2={e.y2}
                          stroke="transparent"
                          strokeWidth={10}
                          style={{ pointerEvents: 'stroke' }}
                          onMouseEnter={() => setFocus({ kind: 'edge', n })}
                          onMouseLeave={() => setFocus(null)}
                          data-testid={`timeline-edge-hit-${fromId}-${toId}`}
                        />
                      </g>
                    );
                  })}
                  {/* the labels of the active edges on top of everything, stacked so they never overprint */}
                  {placeLabels(
                    shown.flatMap((n) => (edges[n] ? [{ n, e: edges[n] }] : [])),
                    width,
                    height,
                  ).map(({ n, e, x, y }) => {
                    const s = EDGE_STYLE[e.kind];
                    const fromId = injects[e.from]?.id ?? String(e.from);
                    const toId = injects[e.to]?.id ?? String(e.to);
                    return (
                      <text
                        key={`label-${n}`}
                        x={x}
                        y={y}
                        fontSize={11}
                        fontWeight={600}
                        fill={s.colour}
                        textAnchor="middle"
                        data-testid={`timeline-edge-label-${fromId}-${toId}`}
                        style={{ paintOrder: 'stroke', stroke: 'var(--mantine-color-body)', strokeWidth: 4 }}
                      >
                        {e.label}
                      </text>
                    );
                  })}
                </svg>
              )}
            </Box>
          </Box>
        </Box>
      </Group>
      <Group gap="md" mt={4} aria-label={t('timeline.legend')}>
        <Text size="10px" c="dimmed">
          {t('timeline.legendMarks')}
        </Text>
        <Text size="10px" c="violet">
          {t('timeline.legendOutcome')}
        </Text>
        <Text size="10px" c="teal">
          {t('timeline.legendOption')}
        </Text>
        <Text size="10px" c="dimmed">
          {t('timeline.legendAfter')}
        </Text>
        <Text size="10px" c="orange">
          {t('timeline.legendContingency')}
        </Text>
      </Group>
      {unplaced.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('timeline.unplaced', { ids: unplaced.map((i) => i.id).join(', ') })}
        </Text>
      )}
    </Box>
  );
}
