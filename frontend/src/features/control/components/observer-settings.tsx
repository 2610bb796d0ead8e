import { Switch } from '@mantine/core';
import type { ExerciseState } from '../api/get-exercise';
import { useUpdateSettings } from '../api/update-settings';
import { useTranslation } from 'react-i18next';

export function ObserverSettings({ exercise }: { exercise: ExerciseState }) {
  const { t } = useTranslation('control');
  const update = useUpdateSettings(exercise.id);
  return (
    <Switch
      label={t('observer.hide')}
      description={t('observer.hideHint')}
      checked={exercise.observerAnonymous ?? false}
      onChange={(e) => update.mutate({ observerAnonymous: e.currentTarget.checked })}
      disabled={exercise.observerAnonymous === undefined}
    />
  );
}
