import { Badge } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { formatDuration, type LocalClock, scenarioNowMs } from '../../../lib/clock';
import { useNow } from '../../../lib/use-now';

/** Time left (on the exercise clock) to respond; turns to "overdue" once past. */
export function RespondCountdown({ clock, deliveredScenarioMs, respondWithinMs, responded, size = 'md' }: { clock: LocalClock; deliveredScenarioMs: number; respondWithinMs: number | null; responded: boolean; size?: 'sm' | 'md' }) {
  useNow(500, respondWithinMs !== null && !responded);
  if (respondWithinMs === null) return null;
  if (responded)
    return (
      <Badge color="teal" variant="light" size={size} data-countdown="responded">
        Responded
      </Badge>
    );
  const left = deliveredScenarioMs + respondWithinMs - scenarioNowMs(clock);
  const overdue = left <= 0;
  const urgent = !overdue && left < respondWithinMs * 0.25;
  const label = overdue ? `Overdue by ${formatDuration(-left)}` : `Respond within ${formatDuration(left)}`;
  return (
    <Badge title="Exercise time left to log a response" color={overdue ? 'red' : urgent ? 'orange' : 'gray'} variant={overdue ? 'filled' : 'light'} size={size} leftSection={<IconClockHour4 size={12} aria-hidden />} data-countdown={overdue ? 'overdue' : 'running'} aria-label={label} tabIndex={-1}>
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{label}</span>
    </Badge>
  );
}
