import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamAck } from '../../../lib/api-types';

export const getAcks = () => api.get('/play/acks');
export const acksQueryKey = ['play', 'acks'] as const;
export const getAcksQueryOptions = () => queryOptions({ queryKey: acksQueryKey, queryFn: getAcks });
export const useAcks = () => useQuery(getAcksQueryOptions());

/** The team's acknowledgements with this one added (oldest first, as the API lists them); unchanged if not loaded yet. */
export function upsertAck(list: TeamAck[] | undefined, ack: TeamAck): TeamAck[] | undefined {
  if (!list) return list;
  const rest = list.filter((a) => !(a.injectId === ack.injectId && a.participantId === ack.participantId));
  return [...rest, ack].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}
