import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../../lib/toast';
import { errorMessage } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { toExerciseState } from './get-exercise';
import { controlKeys } from './query-keys';

/** Shared shape of the clock commands: each answers with the exercise detail, which replaces the cache. */
export function useClockMutation<V>(exerciseId: string, fn: (vars: V) => Promise<ExerciseDetail>, what: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      queryClient.setQueryData(controlKeys.detail(exerciseId), toExerciseState(detail));
      void queryClient.invalidateQueries({ queryKey: controlKeys.timeline(exerciseId) });
      void queryClient.invalidateQueries({ queryKey: controlKeys.exercises });
    },
    onError: (e) => toast({ color: 'red', title: `Could not ${what}`, message: errorMessage(e) }),
  });
}
