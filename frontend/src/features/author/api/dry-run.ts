import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const useStartDryRun = () =>
  useMutation({ mutationFn: (v: { packId: string; speed: number }) => api.post('/authoring/dry-runs', { body: v }) });

/** Polls a dry run until it has finished. */
export const useDryRun = (id: string | null) =>
  useQuery({
    queryKey: ['author', 'dry-run', id],
    queryFn: () => api.get('/authoring/dry-runs/{id}', { path: { id: id ?? '' } }),
    enabled: id !== null,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'finished' || q.state.data.status === 'failed') ? false : 500,
  });
