import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type ApiResponse } from '../../../lib/api-client';
import { toast } from '../../../lib/toast';
import { controlKeys } from './query-keys';

/** A player's seat as facilitators see it. */
export type Participant = ApiResponse<'/exercises/{id}/participants'>[number];
/** A team's code and seats. */
export type TeamAccess = ApiResponse<'/exercises/{id}/team-access'>[number];

const participantsKey = (id: string) => [...controlKeys.exercise(id), 'participants'] as const;
const accessKey = (id: string) => [...controlKeys.exercise(id), 'team-access'] as const;

export const participantsQuery = (id: string) =>
  queryOptions({
    queryKey: participantsKey(id),
    queryFn: () => api.get('/exercises/{id}/participants', { path: { id } }),
  });
export const teamAccessQuery = (id: string) =>
  queryOptions({ queryKey: accessKey(id), queryFn: () => api.get('/exercises/{id}/team-access', { path: { id } }) });

// the dialog re-reads every few seconds while open: players join and leave during the briefing
export const useParticipants = (id: string) => useQuery({ ...participantsQuery(id), refetchInterval: 5000 });
export const useTeamAccess = (id: string) => useQuery({ ...teamAccessQuery(id), refetchInterval: 5000 });

/** After a change to seats or codes: the lists here and the exercise's join codes. */
function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: participantsKey(id) });
    void queryClient.invalidateQueries({ queryKey: accessKey(id) });
    void queryClient.invalidateQueries({ queryKey: controlKeys.detail(id) });
  };
}

export function useRemoveParticipant(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (p: Participant) =>
      api.post('/exercises/{id}/participants/{participantId}/remove', { path: { id, participantId: p.id } }),
    onSuccess: (_r, p) =>
      toast({
        color: 'teal',
        title: `${p.displayName} removed`,
        message: 'Their session has ended; what they wrote stays in the log.',
      }),
    onError: (e) => toast({ color: 'red', title: 'Player not removed', message: errorMessage(e) }),
    onSettled: refresh,
  });
}

export function useRotateCode(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (teamId: string) => api.post('/exercises/{id}/teams/{teamId}/rotate-code', { path: { id, teamId } }),
    onError: (e) => toast({ color: 'red', title: 'Code not changed', message: errorMessage(e) }),
    onSettled: refresh,
  });
}

export function useSetSeatLimit(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ teamId, seatLimit }: { teamId: string; seatLimit: number | null }) =>
      api.put('/exercises/{id}/teams/{teamId}/seat-limit', { path: { id, teamId }, body: { seatLimit } }),
    onError: (e) => toast({ color: 'red', title: 'Seat cap not saved', message: errorMessage(e) }),
    onSettled: refresh,
  });
}
