import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseStatus } from '../lib/api-types';
import { formatScenarioTime, formatWallTime, type LocalClock, scenarioNowMs } from '../lib/clock';
import { useNow } from '../lib/use-now';

const STATUS_COLOURS: Record<ExerciseStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  running: 'teal',
  paused: 'orange',
  ended: 'gray',
};

export function ClockStatusBadge({ status, className }: { status: ExerciseStatus; className?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" data-clock-status={status} className={className}>
      {t(`clock.status.${status}`)}
    </Badge>
  );
}

/** Exercise time (T+) and local wall time, ticking locally from the server's anchors. */
export function ExerciseClock({ clock, compact = false }: { clock: LocalClock; compact?: boolean }) {
  const { t } = useTranslation();
  const now = useNow(compact ? 1000 : 250);
  const scenario = formatScenarioTime(scenarioNowMs(clock, now));
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      role="timer"
      aria-label={t('clock.label', { time: scenario, status: t(`clock.status.${clock.status}`) })}
      data-testid="exercise-clock"
    >
      <Stack gap={0} align="flex-end">
        <Text ff="monospace" fw={700} fz={compact ? 'lg' : 'xl'} lh={1.1} data-scenario-time translate="no">
          {scenario}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" aria-label={t('clock.wall')}>
          {formatWallTime(now)}
        </Text>
      </Stack>
      <Stack gap={2} align="flex-start">
        <ClockStatusBadge status={clock.status} />
        <Text size="xs" c="dimmed" aria-label={t('clock.speed')} translate="no">
          ×{clock.speed}
        </Text>
      </Stack>
    </Group>
  );
}
