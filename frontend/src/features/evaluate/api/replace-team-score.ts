import type { QueryClient } from '@tanstack/react-query';
import type { ScoreItem, TeamScore } from '../../../lib/api-types';
import { evaluateKeys } from './query-keys';

/** a rule line's identity: the same rule on the same inject (for a distractor, the same option) */
const ruleKey = (i: ScoreItem) =>
  'rule' in i.source
    ? `${i.injectId}|${i.source.code ?? i.source.rule}|${String(i.source.params?.option ?? '')}`
    : null;

/**
 * The server answers a scoring call with the team's new score (worded in the pack's source): show it
 * at once, keeping the wording of rule lines the list already had in the reader's language until the
 * refetch that follows brings the new score in it.
 */
export function replaceTeamScore(queryClient: QueryClient, exerciseId: string, score: TeamScore | undefined): void {
  if (!score) return;
  queryClient.setQueriesData<TeamScore[]>({ queryKey: evaluateKeys.scores(exerciseId) }, (list) =>
    list?.map((t) => {
      if (t.teamId !== score.teamId) return t;
      const worded = new Map(t.items.flatMap((i) => (ruleKey(i) ? [[ruleKey(i), i] as const] : [])));
      return {
        ...score,
        items: score.items.map((i) => {
          const before = ruleKey(i) === null ? undefined : worded.get(ruleKey(i));
          return before && before.points === i.points ? before : i;
        }),
      };
    }),
  );
}
