import { Box, Group, Text, Tooltip } from '@mantine/core';
import { type DraftPack, DURATION, formatOffset, plannedTimes, toMs } from '../lib/pack-doc';

/** One lane per team across the exercise clock; released injects dashed, decisions marked ◆. */
export function TimelineSwimlanes({ pack, selected, onSelect }: { pack: DraftPack; selected: number; onSelect: (i: number) => void }) {
  const teams = pack.teams ?? [];
  const injects = pack.injects ?? [];
  const times = plannedTimes(pack);
  const lastInject = Math.max(0, ...[...times.values()].map((t) => t.ms));
  const durationMs = Math.max(toMs(pack.duration, DURATION) ?? 0, lastInject, 60_000);
  const pct = (ms: number) => `${Math.min(100, (ms / durationMs) * 100)}%`;
  const ticks = Array.from({ length: 5 }, (_, k) => (durationMs * k) / 4);
  const unplaced = injects.filter((_, k) => !times.has(k));
  return (
    <Box data-testid="timeline" role="figure" aria-label="Timeline of injects per team">
      <Group gap={0} wrap="nowrap" ml={140} style={{ position: 'relative', height: 16 }}>
        {ticks.map((t) => (
          <Text key={t} size="10px" c="dimmed" ff="monospace" style={{ position: 'absolute', left: pct(t), transform: 'translateX(-50%)' }}>
            {formatOffset(t)}
          </Text>
        ))}
      </Group>
      {teams.map((team) => (
        <Group key={team.id ?? team.name} gap={0} wrap="nowrap" align="stretch" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="xs" w={140} py={6} pr="xs" truncate title={team.name}>
            {team.name ?? team.id}
          </Text>
          <Box style={{ position: 'relative', flex: 1, height: 30 }} data-testid={`lane-${team.id ?? ''}`}>
            {injects.map((inj, k) => {
              const at = times.get(k);
              const targets = inj.to === 'all' ? teams.map((t) => t.id) : (inj.to ?? []);
              if (!at || !targets.includes(team.id)) return null;
              const label = `${inj.id ?? ''} · ${formatOffset(at.ms)}${at.estimated ? ' (released by a trigger: estimated)' : ''}`;
              return (
                <Tooltip key={k} label={`${label} — ${inj.subject ?? ''}`} withArrow>
                  <button
                    type="button"
                    onClick={() => onSelect(k)}
                    data-testid={`timeline-inject-${inj.id ?? k}`}
                    data-offset={formatOffset(at.ms)}
                    aria-label={`${inj.subject ?? inj.id ?? 'inject'} at ${formatOffset(at.ms)}`}
                    style={{
                      position: 'absolute',
                      left: pct(at.ms),
                      top: 6,
                      width: 14,
                      height: 18,
                      padding: 0,
                      cursor: 'pointer',
                      borderRadius: inj.decision ? 2 : 9,
                      transform: inj.decision ? 'rotate(45deg) scale(0.8)' : undefined,
                      border: `2px ${at.estimated ? 'dashed' : 'solid'} var(--mantine-color-blue-6)`,
                      background: k === selected ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-body)',
                    }}
                  />
                </Tooltip>
              );
            })}
          </Box>
        </Group>
      ))}
      {unplaced.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Not on the timeline (no offset and no trigger that resolves): {unplaced.map((i) => i.id).join(', ')}
        </Text>
      )}
    </Box>
  );
}
