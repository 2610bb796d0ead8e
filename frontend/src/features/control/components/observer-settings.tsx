import { Switch } from '@mantine/core';
import type { ExerciseState } from '../api/get-exercise';
import { useUpdateSettings } from '../api/update-settings';

export function ObserverSettings({ exercise }: { exercise: ExerciseState }) {
  const update = useUpdateSettings(exercise.id);
  return (
    <Switch
      label="Hide player identities from observers"
      description="Observers then see team names only, never who wrote what."
      checked={exercise.observerAnonymous ?? false}
      onChange={(e) => update.mutate({ observerAnonymous: e.currentTarget.checked })}
      disabled={exercise.observerAnonymous === undefined}
    />
  );
}
