import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';
import type { ImprovementItem } from './report-types';
import { reviewKeys } from './review-paths';

export type ImprovementDraft = Omit<ImprovementItem, 'id' | 'position' | 'updatedAt'>;
const planPath = (id: string, itemId?: string) => `/exercises/${encodeURIComponent(id)}/improvement-plan${itemId ? `/${encodeURIComponent(itemId)}` : ''}`;

export function useImprovementPlanMutations(exerciseId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: reviewKeys.report(exerciseId) });
  return {
    add: useMutation({ mutationFn: (d: ImprovementDraft) => api.post<ImprovementItem>(planPath(exerciseId), d), onSettled: refresh }),
    update: useMutation({
      mutationFn: (i: ImprovementItem) => api.put<ImprovementItem>(planPath(exerciseId, i.id), { ...toDraft(i), expectedUpdatedAt: i.updatedAt }),
      onSettled: refresh,
    }),
    remove: useMutation({ mutationFn: (itemId: string) => apiRequest<undefined>('DELETE', planPath(exerciseId, itemId)), onSettled: refresh }),
  };
}

export function toDraft(i: ImprovementItem): ImprovementDraft {
  return { issue: i.issue, correctiveAction: i.correctiveAction, capabilityElement: i.capabilityElement, organisation: i.organisation, poc: i.poc, startDate: i.startDate, completionDate: i.completionDate, status: i.status, objectiveId: i.objectiveId };
}
