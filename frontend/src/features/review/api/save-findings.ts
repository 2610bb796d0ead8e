import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Finding } from './report-types';
import { reviewKeys } from './review-paths';

export function useSaveFindings(exerciseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (findings: Finding[]) =>
      api.put('/exercises/{id}/report/findings', {
        path: { id: exerciseId },
        body: {
          findings: findings.map((f) => ({
            kind: f.kind,
            text: f.text,
            objectiveId: f.objectiveId,
            teamId: f.teamId,
            evidence: f.evidence,
          })),
        },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewKeys.report(exerciseId) }),
  });
}
