import { api } from '../../../lib/api-client';
import { useClockMutation } from './clock-mutation';

export const resumeExercise = (id: string) => api.post('/exercises/{id}/resume', { path: { id } });
export const useResumeExercise = (id: string) => useClockMutation(id, () => resumeExercise(id), 'resume');
