import {
  ActionIcon,
  Button,
  Collapse,
  Group,
  Modal,
  NumberInput,
  Popover,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ExerciseClock } from '../../../components/exercise-clock';
import { useEndExercise } from '../api/end-exercise';
import type { ExerciseState } from '../api/get-exercise';
import { usePauseExercise } from '../api/pause-exercise';
import { useResumeExercise } from '../api/resume-exercise';
import { useSetSpeed } from '../api/set-speed';
import { useStartExercise } from '../api/start-exercise';
import { useTranslation } from 'react-i18next';

const SPEED_PRESETS = [1, 2, 10, 60, 600];

function SpeedControl({ exercise }: { exercise: ExerciseState }) {
  const { t } = useTranslation('control');
  const speed = useSetSpeed(exercise.id);
  const [value, setValue] = useState<number | string>(exercise.clock.speed);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (Number.isFinite(n)) speed.mutate(n);
  };
  return (
    <form onSubmit={submit} aria-label={t('clock.speed')}>
      <Group gap={4} wrap="wrap" align="flex-end">
        <NumberInput
          label={t('clock.speedX')}
          size="xs"
          w={90}
          min={0.5}
          max={600}
          step={1}
          decimalScale={2}
          value={value}
          onChange={setValue}
        />
        <Button type="submit" size="xs" variant="default" loading={speed.isPending}>
          {t('clock.set')}
        </Button>
        {SPEED_PRESETS.map((s) => (
          <Button
            key={s}
            size="xs"
            variant={exercise.clock.speed === s ? 'filled' : 'subtle'}
            onClick={() => (setValue(s), speed.mutate(s))}
            aria-label={t('clock.speedPreset', { s })}
            aria-pressed={exercise.clock.speed === s}
          >
            ×{s}
          </Button>
        ))}
      </Group>
    </form>
  );
}

function ScheduleStart({ exercise }: { exercise: ExerciseState }) {
  const { t } = useTranslation('control');
  const start = useStartExercise(exercise.id);
  const [at, setAt] = useState('');
  const [opened, toggle] = useDisclosure(false);
  return (
    <Popover opened={opened} onChange={toggle.toggle} trapFocus position="bottom">
      <Popover.Target>
        <Button size="xs" variant="default" onClick={toggle.toggle}>
          {t('clock.schedule')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const ms = Date.parse(at);
            if (Number.isFinite(ms)) start.mutate({ at: new Date(ms).toISOString() }, { onSuccess: toggle.close });
          }}
        >
          <Stack gap="xs">
            <TextInput
              type="datetime-local"
              label={t('clock.startAt')}
              required
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
            />
            <Button type="submit" size="xs" loading={start.isPending}>
              {t('clock.scheduleStart')}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * The exercise clock (always visible) and, for those who steer, its controls. `seatActions` (join
 * codes, evaluate) come first. On a phone (`compact`) one row holds the clock, the primary control
 * (start, pause or resume) and a "more" button that unfolds everything else below it, so the
 * header leaves the screen to the feed.
 */
export function ClockPanel({
  exercise,
  steer,
  compact = false,
  seatActions,
}: {
  exercise: ExerciseState;
  steer: boolean;
  compact?: boolean;
  seatActions?: ReactNode;
}) {
  const { t } = useTranslation('control');
  const start = useStartExercise(exercise.id);
  const pause = usePauseExercise(exercise.id);
  const resume = useResumeExercise(exercise.id);
  const end = useEndExercise(exercise.id);
  const [confirmEnd, confirm] = useDisclosure(false);
  const [moreOpen, more] = useDisclosure(false);
  const moreId = useId();
  const status = exercise.clock.status;
  const canSteer = steer && status !== 'ended';

  const primary = canSteer && (
    <>
      {(status === 'draft' || status === 'scheduled') && (
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          loading={start.isPending}
          onClick={() => start.mutate(undefined)}
        >
          {t('clock.startNow')}
        </Button>
      )}
      {status === 'running' && (
        <Button
          size="xs"
          color="orange"
          leftSection={<IconPlayerPause size={14} />}
          loading={pause.isPending}
          onClick={() => pause.mutate(undefined)}
        >
          {t('clock.pause')}
        </Button>
      )}
      {status === 'paused' && (
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          loading={resume.isPending}
          onClick={() => resume.mutate(undefined)}
        >
          {t('clock.resume')}
        </Button>
      )}
    </>
  );
  const secondary = canSteer && (
    <>
      {status === 'draft' && <ScheduleStart exercise={exercise} />}
      <SpeedControl key={exercise.clock.speed} exercise={exercise} />
      {(status === 'running' || status === 'paused') && (
        <Button
          size="xs"
          color="red"
          variant="outline"
          leftSection={<IconPlayerStop size={14} />}
          onClick={confirm.open}
        >
          {t('clock.end')}
        </Button>
      )}
    </>
  );
  const endModal = (
    <Modal opened={confirmEnd} onClose={confirm.close} title={t('clock.endTitle')}>
      <Stack>
        <Text size="sm">{t('clock.endWarning')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close}>
            {t('clock.keepRunning')}
          </Button>
          <Button
            color="red"
            loading={end.isPending}
            onClick={() => end.mutate(undefined, { onSuccess: confirm.close })}
          >
            {t('clock.endExercise')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  if (compact)
    return (
      <Stack gap="xs" w="100%" data-testid="clock-panel" data-compact>
        <Group gap="xs" wrap="nowrap" justify="space-between" align="center">
          <ExerciseClock clock={exercise.clock} compact />
          <Group gap="xs" wrap="nowrap" role="group" aria-label={t('clock.controls')}>
            {primary}
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('clock.more')}
              title={t('clock.more')}
              aria-expanded={moreOpen}
              aria-controls={moreId}
              onClick={more.toggle}
              data-testid="clock-more-toggle"
            >
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Collapse expanded={moreOpen} id={moreId} data-testid="clock-more">
          <Group gap="xs" wrap="wrap" align="flex-end" pb={4}>
            {seatActions}
            {secondary}
          </Group>
        </Collapse>
        {endModal}
      </Stack>
    );
  return (
    <Group gap="lg" wrap="wrap" align="center" data-testid="clock-panel">
      {seatActions}
      <ExerciseClock clock={exercise.clock} />
      {canSteer && (
        <Group gap="xs" wrap="wrap" align="flex-end" role="group" aria-label={t('clock.controls')}>
          {primary}
          {secondary}
        </Group>
      )}
      {endModal}
    </Group>
  );
}
