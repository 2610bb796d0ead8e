import type { QueryClient } from '@tanstack/react-query';
import type { TeamScore } from '../../../lib/api-types';
import { evaluateKeys } from './query-keys';

/** The server answers a scoring call with the team's new score: show it at once. */
export function replaceTeamScore(queryClient: QueryClient, exerciseId: string, score: TeamScore | undefined): void {
  if (!score) return;
  queryClient.setQueryData<TeamScore[]>(evaluateKeys.scores(exerciseId), (list) =>
    list?.map((t) => (t.teamId === score.teamId ? score : t)),
  );
}
