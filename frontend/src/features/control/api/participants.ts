import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import { toast } from '../../../lib/toast';
import { controlKeys, exercisePath } from './query-keys';

/** A player's seat as facilitators see it. */
export interface Participant {
  id: string;
  teamId: string;
  displayName: string;
  joinedAt: number;
  removedAt: number | null;
  language: string;
  online: boolean;
}

/** A team's code and seats. */
export interface TeamAccess {
  teamId: string;
  joinCode: string;
  seatLimit: number | null;
  seatsTaken: number;
}

const participantsKey = (id: string) => [...controlKeys.exercise(id), 'participants'] as const;
const accessKey = (id: string) => [...controlKeys.exercise(id), 'team-access'] as const;

export const participantsQuery = (id: string) => queryOptions({ queryKey: participantsKey(id), queryFn: () => api.get<Participant[]>(exercisePath(id, '/participants')) });
export const teamAccessQuery = (id: string) => queryOptions({ queryKey: accessKey(id), queryFn: () => api.get<TeamAccess[]>(exercisePath(id, '/team-access')) });

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
    mutationFn: (p: Participant) => api.post<Participant>(exercisePath(id, `/participants/${encodeURIComponent(p.id)}/remove`)),
    onSuccess: (_r, p) => toast({ color: 'teal', title: `${p.displayName} removed`, message: 'Their session has ended; what they wrote stays in the log.' }),
    onError: (e) => toast({ color: 'red', title: 'Player not removed', message: errorMessage(e) }),
    onSettled: refresh,
  });
}

export function useRotateCode(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (teamId: string) => api.post<TeamAccess>(exercisePath(id, `/teams/${encodeURIComponent(teamId)}/rotate-code`)),
    onError: (e) => toast({ color: 'red', title: 'Code not changed', message: errorMessage(e) }),
    onSettled: refresh,
  });
}

export function useSetSeatLimit(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ teamId, seatLimit }: { teamId: string; seatLimit: number | null }) => api.put<TeamAccess>(exercisePath(id, `/teams/${encodeURIComponent(teamId)}/seat-limit`), { seatLimit }),
    onError: (e) => toast({ color: 'red', title: 'Seat cap not saved', message: errorMessage(e) }),
    onSettled: refresh,
  });
}
