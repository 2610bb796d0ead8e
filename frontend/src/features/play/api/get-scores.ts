import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The team's own breakdown (after the exercise, when allowed) and the leaderboard (when on). */
export const getPlayerScores = () => api.get('/play/scores');
export const playerScoresQueryKey = ['play', 'scores'] as const;
// the instructor's switches reach players through no event, so look again now and then
export const getPlayerScoresQueryOptions = () =>
  queryOptions({ queryKey: playerScoresQueryKey, queryFn: getPlayerScores, refetchInterval: 30_000 });
export const usePlayerScores = () => useQuery(getPlayerScoresQueryOptions());
