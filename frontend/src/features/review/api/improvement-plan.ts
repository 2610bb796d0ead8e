import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImprovementItem } from './report-types';
import { reviewKeys } from './review-paths';

export type ImprovementDraft = Omit<ImprovementItem, 'id' | 'position' | 'updatedAt'>;

export function useImprovementPlanMutations(exerciseId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: reviewKeys.report(exerciseId) });
  return {
    add: useMutation({
      mutationFn: (d: ImprovementDraft) =>
        api.post('/exercises/{id}/improvement-plan', { path: { id: exerciseId }, body: d }),
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: (i: ImprovementItem) =>
        api.put('/exercises/{id}/improvement-plan/{itemId}', {
          path: { id: exerciseId, itemId: i.id },
          body: { ...toDraft(i), expectedUpdatedAt: i.updatedAt },
        }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (itemId: string) =>
        api.delete('/exercises/{id}/improvement-plan/{itemId}', { path: { id: exerciseId, itemId } }),
      onSettled: refresh,
    }),
  };
}

export function toDraft(i: ImprovementItem): ImprovementDraft {
  return {
    issue: i.issue,
    correctiveAction: i.correctiveAction,
    capabilityElement: i.capabilityElement,
    organisation: i.organisation,
    poc: i.poc,
    startDate: i.startDate,
    completionDate: i.completionDate,
    status: i.status,
    objectiveId: i.objectiveId,
  };
}
