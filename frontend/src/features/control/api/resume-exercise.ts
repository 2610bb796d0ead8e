import { api } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';
import { exercisePath } from './query-keys';

export const resumeExercise = (id: string) => api.post<ExerciseDetail>(exercisePath(id, '/resume'));
export const useResumeExercise = (id: string) => useClockMutation(id, () => resumeExercise(id), 'resume');
