import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { formatDuration, type LocalClock, scenarioNowMs } from '../../../lib/clock';
import { useNow } from '../../../lib/use-now';

/** Time left (on the exercise clock) to respond; turns to "overdue" once past. */
export function RespondCountdown({
  clock,
  deliveredScenarioMs,
  respondWithinMs,
  responded,
  size = 'md',
}: {
  clock: LocalClock;
  deliveredScenarioMs: number;
  respondWithinMs: number | null;
  responded: boolean;
  size?: 'sm' | 'md';
}) {
  const { t } = useTranslation(['play', 'common']);
  useNow(500, respondWithinMs !== null && !responded);
  if (respondWithinMs === null) return null;
  if (responded)
    return (
      <Badge color="teal" variant="light" size={size} data-countdown="responded">
        {t('countdown.responded')}
      </Badge>
    );
  const left = deliveredScenarioMs + respondWithinMs - scenarioNowMs(clock);
  const overdue = left <= 0;
  const urgent = !overdue && left < respondWithinMs * 0.25;
  const label = overdue
    ? t('countdown.overdue', { time: formatDuration(-left) })
    : t('countdown.within', { time: formatDuration(left) });
  return (
    <Badge
      title={t('countdown.title')}
      color={overdue ? 'red' : urgent ? 'orange' : 'gray'}
      variant={overdue ? 'filled' : 'light'}
      size={size}
      leftSection={<IconClockHour4 size={12} aria-hidden />}
      data-countdown={overdue ? 'overdue' : 'running'}
      aria-label={label}
      tabIndex={-1}
    >
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{label}</span>
    </Badge>
  );
}
