import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../lib/api-client';
import { reviewKeys } from './review-paths';

export type HotwashState = ApiResponse<'/play/hotwash'>;

export const useHotwash = () =>
  useQuery(
    queryOptions({
      queryKey: reviewKeys.hotwash,
      queryFn: () => api.get('/play/hotwash'),
      refetchInterval: (q) => (q.state.data?.open ? false : 15_000),
    }),
  );

export function useSubmitHotwash() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/play/hotwash', 'post'>) => api.post('/play/hotwash', { body }),
    onSuccess: (data) => qc.setQueryData(reviewKeys.hotwash, data),
  });
}
