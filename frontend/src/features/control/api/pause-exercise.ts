import { api } from '../../../lib/api-client';
import { useClockMutation } from './clock-mutation';

export const pauseExercise = (id: string) => api.post('/exercises/{id}/pause', { path: { id } });
export const usePauseExercise = (id: string) => useClockMutation(id, () => pauseExercise(id), 'pause');
