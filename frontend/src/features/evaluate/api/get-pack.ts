import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { evaluateKeys } from './query-keys';

/** The full pack (objectives, expected actions): the shape of the exercise evaluation guide. */
export const getPack = (packId: string) => api.get('/scenarios/{id}', { path: { id: packId } });
export const getPackQueryOptions = (packId: string) =>
  queryOptions({ queryKey: evaluateKeys.pack(packId), queryFn: () => getPack(packId), staleTime: 10 * 60_000 });
export const usePack = (packId: string | undefined) =>
  useQuery({ ...getPackQueryOptions(packId ?? ''), enabled: Boolean(packId) });
