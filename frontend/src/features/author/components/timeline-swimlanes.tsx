import { Box, Group, Text, Tooltip } from '@mantine/core';
import { type DraftInject, type DraftPack, DURATION, formatOffset, plannedTimes, toMs } from '../lib/pack-doc';

const LABEL_WIDTH = 140;
const LANE = 40;

type EdgeKind = 'after-inject' | 'decision-outcome' | 'response-option' | 'contingency';
interface Edge {
  kind: EdgeKind;
  from: number;
  to: number;
  label: string;
  description: string;
}

const EDGE_STYLE: Record<EdgeKind, { colour: string; dash?: string }> = {
  'after-inject': { colour: 'var(--mantine-color-gray-6)' },
  'decision-outcome': { colour: 'var(--mantine-color-violet-6)' },
  'response-option': { colour: 'var(--mantine-color-teal-6)' },
  contingency: { colour: 'var(--mantine-color-orange-6)', dash: '5 4' },
};

const delayText = (delay: string | undefined) => (delay && toMs(delay, DURATION) ? ` +${delay}` : '');

/** The trigger of each inject as an edge from what releases it, labelled with the option or the missing action. */
export function triggerEdges(injects: readonly DraftInject[]): Edge[] {
  const byId = new Map(injects.map((i, k) => [i.id, k]));
  const byDecision = new Map(injects.flatMap((i, k) => (i.decision?.id ? [[i.decision.id, k] as const] : [])));
  return injects.flatMap((inj, to): Edge[] => {
    const t = inj.trigger;
    const name = inj.id ?? `inject ${to + 1}`;
    switch (t?.type) {
      case 'after-inject': {
        const from = byId.get(t.inject);
        return from === undefined ? [] : [{ kind: t.type, from, to, label: `after${delayText(t.delay)}`, description: `${name} is released${delayText(t.delay) || ''} after ${t.inject ?? ''}` }];
      }
      case 'decision-outcome': {
        const from = byDecision.get(t.decision ?? '');
        if (from === undefined) return [];
        const option = injects[from]?.decision?.options?.find((o) => o.id === t.outcome);
        const outcome = option?.label ?? t.outcome ?? '?';
        return [{ kind: t.type, from, to, label: `◆ ${outcome}${delayText(t.delay)}`, description: `${name} is released when decision ${t.decision ?? ''} ends with "${outcome}"` }];
      }
      case 'response-option': {
        const from = byId.get(t.inject);
        if (from === undefined) return [];
        const option = injects[from]?.responseOptions?.find((o) => o.id === t.option)?.label ?? t.option ?? '?';
        return [{ kind: t.type, from, to, label: `chose "${option}"`, description: `${name} is released to a team that chose "${option}" on ${t.inject ?? ''}` }];
      }
      case 'contingency': {
        const from = byId.get(t.inject);
        if (from === undefined) return [];
        const action = injects[from]?.expectedActions?.find((a) => a.id === t.expectedAction);
        return [{ kind: t.type, from, to, label: `if not "${t.expectedAction ?? '?'}" by ${t.at ?? '?'}`, description: `contingency: ${name} is released at ${t.at ?? '?'} to teams that had not logged "${action?.text ?? t.expectedAction ?? ''}" on ${t.inject ?? ''}` }];
      }
      default:
        return [];
    }
  });
}

/**
 * One lane per team across the exercise clock. Injects released by a trigger are dashed; an
 * inject that asks for a decision is a diamond; each trigger is an arrow from what releases it,
 * labelled with the decision option or response option, contingencies dashed.
 */
export function TimelineSwimlanes({ pack, selected, onSelect }: { pack: DraftPack; selected: number; onSelect: (i: number) => void }) {
  const teams = pack.teams ?? [];
  const injects = pack.injects ?? [];
  const times = plannedTimes(pack);
  const lastInject = Math.max(0, ...[...times.values()].map((t) => t.ms));
  const durationMs = Math.max(toMs(pack.duration, DURATION) ?? 0, lastInject, 60_000);
  const share = (ms: number) => Math.min(100, (ms / durationMs) * 100);
  const pct = (ms: number) => `${share(ms)}%`;
  const ticks = Array.from({ length: 5 }, (_, k) => (durationMs * k) / 4);
  const unplaced = injects.filter((_, k) => !times.has(k));
  const lanesOf = (inj: DraftInject) => teams.flatMap((t, row) => (inj.to === 'all' || (Array.isArray(inj.to) && inj.to.includes(t.id ?? '')) ? [row] : []));
  const edges = triggerEdges(injects).flatMap((e) => {
    const a = times.get(e.from);
    const b = times.get(e.to);
    const fromInject = injects[e.from];
    const toInject = injects[e.to];
    if (!a || !b || !fromInject || !toInject) return [];
    const fromLanes = lanesOf(fromInject);
    const toLanes = lanesOf(toInject);
    // stay in one lane when both injects reach the same team, so the arrow reads along the lane
    const shared = toLanes.find((r) => fromLanes.includes(r));
    const fromRow = shared ?? fromLanes[0];
    const toRow = shared ?? toLanes[0];
    if (fromRow === undefined || toRow === undefined) return [];
    return [{ ...e, x1: share(a.ms), x2: share(b.ms), y1: fromRow * LANE + LANE / 2, y2: toRow * LANE + LANE / 2 }];
  });
  return (
    <Box data-testid="timeline" role="figure" aria-label="Timeline of injects per team, with the triggers that release them">
      <Group gap={0} wrap="nowrap" ml={LABEL_WIDTH} style={{ position: 'relative', height: 16 }}>
        {ticks.map((t) => (
          <Text key={t} size="10px" c="dimmed" ff="monospace" style={{ position: 'absolute', left: pct(t), transform: 'translateX(-50%)' }}>
            {formatOffset(t)}
          </Text>
        ))}
      </Group>
      <Box style={{ position: 'relative' }}>
        {teams.map((team) => (
          <Group key={team.id ?? team.name} gap={0} wrap="nowrap" align="stretch" h={LANE} style={{ borderTop: '1px solid var(--mantine-color-default-border)', boxSizing: 'border-box' }}>
            <Text size="xs" w={LABEL_WIDTH} py={10} pr="xs" truncate title={team.name} style={{ flexShrink: 0 }}>
              {team.name ?? team.id}
            </Text>
            <Box style={{ position: 'relative', flex: 1 }} data-testid={`lane-${team.id ?? ''}`}>
              {injects.map((inj, k) => {
                const at = times.get(k);
                const targets = inj.to === 'all' ? teams.map((t) => t.id) : (inj.to ?? []);
                if (!at || !targets.includes(team.id)) return null;
                const decision = inj.decision?.question ? ` · asks for a decision: ${inj.decision.question}` : '';
                const label = `${inj.subject ?? inj.id ?? 'inject'} at ${formatOffset(at.ms)}${at.estimated ? ' (released by a trigger: estimated)' : ''}${decision}`;
                return (
                  <Tooltip key={k} label={`${inj.id ?? ''}: ${label}`} withArrow multiline maw={320}>
                    <button
                      type="button"
                      onClick={() => onSelect(k)}
                      data-testid={`timeline-inject-${inj.id ?? k}`}
                      data-offset={formatOffset(at.ms)}
                      data-decision={inj.decision?.id}
                      aria-label={label}
                      title={label}
                      style={{
                        position: 'absolute',
                        left: pct(at.ms),
                        top: LANE / 2 - 9,
                        width: 14,
                        height: 18,
                        padding: 0,
                        zIndex: 2,
                        cursor: 'pointer',
                        borderRadius: inj.decision ? 2 : 9,
                        transform: inj.decision ? 'translateX(-50%) rotate(45deg) scale(0.85)' : 'translateX(-50%)',
                        border: `2px ${at.estimated ? 'dashed' : 'solid'} var(--mantine-color-${inj.decision ? 'violet' : 'blue'}-6)`,
                        background: k === selected ? `var(--mantine-color-${inj.decision ? 'violet' : 'blue'}-6)` : 'var(--mantine-color-body)',
                      }}
                    />
                  </Tooltip>
                );
              })}
            </Box>
          </Group>
        ))}
        {edges.length > 0 && (
          <svg
            style={{ position: 'absolute', left: LABEL_WIDTH, top: 0, width: `calc(100% - ${LABEL_WIDTH}px)`, height: teams.length * LANE, overflow: 'visible', zIndex: 1, pointerEvents: 'none' }}
            data-testid="timeline-edges"
          >
            <defs>
              {Object.entries(EDGE_STYLE).map(([kind, s]) => (
                <marker key={kind} id={`ttx-arrow-${kind}`} viewBox="0 0 10 10" refX="17" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill={s.colour} />
                </marker>
              ))}
            </defs>
            {edges.map((e, n) => {
              const s = EDGE_STYLE[e.kind];
              const fromId = injects[e.from]?.id ?? String(e.from);
              const toId = injects[e.to]?.id ?? String(e.to);
              return (
                <g key={`${e.from}-${e.to}`} role="img" aria-label={e.description} data-testid={`timeline-edge-${fromId}-${toId}`} data-kind={e.kind} data-label={e.label} style={{ pointerEvents: 'visibleStroke' }}>
                  <title>{e.description}</title>
                  <line x1={`${e.x1}%`} y1={e.y1} x2={`${e.x2}%`} y2={e.y2} stroke={s.colour} strokeWidth={1.5} strokeDasharray={s.dash} markerEnd={`url(#ttx-arrow-${e.kind})`} />
                  {/* alternate labels above and below the arrows, so neighbours do not overprint */}
                  <text x={`${(e.x1 + e.x2) / 2}%`} y={(e.y1 + e.y2) / 2 + (n % 2 ? 13 : -5)} fontSize={10} fill={s.colour} textAnchor="middle" style={{ paintOrder: 'stroke', stroke: 'var(--mantine-color-body)', strokeWidth: 3 }}>
                    {e.label}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </Box>
      <Group gap="md" mt={4} aria-label="Legend">
        <Text size="10px" c="dimmed">
          ● inject · ◆ decision · dashed marker: released by a trigger
        </Text>
        <Text size="10px" c="violet">
          → decision outcome
        </Text>
        <Text size="10px" c="teal">
          → response option
        </Text>
        <Text size="10px" c="dimmed">
          → after an inject
        </Text>
        <Text size="10px" c="orange">
          ⇢ contingency (dashed)
        </Text>
      </Group>
      {unplaced.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Not on the timeline (no offset and no trigger that resolves): {unplaced.map((i) => i.id).join(', ')}
        </Text>
      )}
    </Box>
  );
}
