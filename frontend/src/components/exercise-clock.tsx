import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ExerciseStatus } from '../lib/api-types';
import { formatScenarioTime, formatWallTime, type LocalClock, scenarioNowMs } from '../lib/clock';
import { useNow } from '../lib/use-now';

const STATUS_COLOURS: Record<ExerciseStatus, string> = { draft: 'gray', scheduled: 'blue', running: 'teal', paused: 'orange', ended: 'gray' };

export function ClockStatusBadge({ status }: { status: ExerciseStatus }) {
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" data-clock-status={status}>
      {status}
    </Badge>
  );
}

/** Exercise time (T+) and local wall time, ticking locally from the server's anchors. */
export function ExerciseClock({ clock, compact = false }: { clock: LocalClock; compact?: boolean }) {
  const now = useNow(compact ? 1000 : 250);
  const scenario = formatScenarioTime(scenarioNowMs(clock, now));
  return (
    <Group gap="sm" wrap="nowrap" role="timer" aria-label={`Exercise clock ${scenario}, ${clock.status}`} data-testid="exercise-clock">
      <Stack gap={0} align="flex-end">
        <Text ff="monospace" fw={700} fz={compact ? 'lg' : 'xl'} lh={1.1} data-scenario-time>
          {scenario}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" aria-label="local wall time">
          {formatWallTime(now)}
        </Text>
      </Stack>
      <Stack gap={2} align="flex-start">
        <ClockStatusBadge status={clock.status} />
        <Text size="xs" c="dimmed" aria-label="clock speed">
          ×{clock.speed}
        </Text>
      </Stack>
    </Group>
  );
}
