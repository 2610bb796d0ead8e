import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CreateExerciseBody, ExerciseDetail } from '../../../lib/api-types';
import { localClock } from '../../../lib/clock';
import { controlKeys } from './query-keys';

export const createExercise = (body: CreateExerciseBody) => api.post('/exercises', { body });

export function useCreateExercise(options: { onSuccess?: (e: ExerciseDetail) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createExercise,
    onSuccess: (created) => {
      queryClient.setQueryData(controlKeys.detail(created.id), { ...created, clock: localClock(created.clock) });
      void queryClient.invalidateQueries({ queryKey: controlKeys.exercises });
      options.onSuccess?.(created);
    },
  });
}
