import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api-client';
import { evaluateKeys } from './query-keys';

/** Live score breakdown of every team, worded for a reader of `language` (options and a distractor's why). */
export const getScores = (id: string, language?: string) =>
  api.get('/exercises/{id}/scores', { path: { id }, query: { language } });
export const getScoresQueryOptions = (id: string, language?: string) =>
  queryOptions({ queryKey: [...evaluateKeys.scores(id), language ?? null], queryFn: () => getScores(id, language) });
/** in the interface language: the pack's words for it where it has them, the team's beside them */
export const useScores = (id: string) => {
  const { i18n } = useTranslation();
  return useQuery(getScoresQueryOptions(id, i18n.resolvedLanguage));
};
