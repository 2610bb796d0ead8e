import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../lib/api-client';
import type { EvaluationBody } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { evaluateKeys } from './query-keys';
import { replaceTeamScore } from './replace-team-score';

/** Mark one expected action met or not met, with the reason shown in the breakdown. */
export const recordEvaluation = (id: string, body: EvaluationBody) =>
  api.post('/exercises/{id}/evaluations', { path: { id }, body });

export function useRecordEvaluation(exerciseId: string) {
  const queryClient = useQueryClient();
  const { t } = useTranslation('evaluate');
  return useMutation({
    mutationFn: (body: EvaluationBody) => recordEvaluation(exerciseId, body),
    onSuccess: (score) => replaceTeamScore(queryClient, exerciseId, score),
    onError: (e) => toast({ color: 'red', title: t('notSaved'), message: errorMessage(e) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: evaluateKeys.queue(exerciseId) });
      void queryClient.invalidateQueries({ queryKey: evaluateKeys.scores(exerciseId) });
    },
  });
}
