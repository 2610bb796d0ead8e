import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** Live totals and breakdown per team (control roles), worded for a reader of `language`. */
export const getScores = (id: string, language?: string) =>
  api.get('/exercises/{id}/scores', { path: { id }, query: { language } });
export const getScoresQueryOptions = (id: string, language?: string) =>
  queryOptions({ queryKey: [...controlKeys.scores(id), language ?? null], queryFn: () => getScores(id, language) });
/** in the interface language: the pack's words for it where it has them, the team's beside them */
export const useScores = (id: string, enabled = true) => {
  const { i18n } = useTranslation();
  return useQuery({ ...getScoresQueryOptions(id, i18n.resolvedLanguage), enabled });
};
