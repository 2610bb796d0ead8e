import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { HotwashQuestion } from './report-types';
import { reviewKeys } from './review-paths';

export interface HotwashState {
  open: boolean;
  questions: HotwashQuestion[];
  submission: { ratings: Record<string, number>; answers: Record<string, string>; submittedAt: number } | null;
}

export const useHotwash = () => useQuery(queryOptions({ queryKey: reviewKeys.hotwash, queryFn: () => api.get('/play/hotwash'), refetchInterval: (q) => (q.state.data?.open ? false : 15_000) }));

export function useSubmitHotwash() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ratings: Record<string, number>; answers: Record<string, string> }) => api.post('/play/hotwash', { body }),
    onSuccess: (data) => qc.setQueryData(reviewKeys.hotwash, data),
  });
}
