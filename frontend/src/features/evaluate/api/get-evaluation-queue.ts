import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { EvaluationQueuePage } from '../../../lib/api-types';
import { evaluateKeys } from './query-keys';

/** how many waiting responses the queue lists at a time (the oldest first) */
export const QUEUE_PAGE = 200;

export type { EvaluationQueuePage };

/** Responses no evaluator has looked at since they were last written, oldest first; of one team, or of all. */
export const getEvaluationQueue = (id: string, teamId?: string) =>
  api.get('/exercises/{id}/evaluation/queue', {
    path: { id },
    query: { limit: QUEUE_PAGE, ...(teamId ? { teamId } : {}) },
  });
export const getEvaluationQueueQueryOptions = (id: string, teamId?: string) =>
  queryOptions({
    queryKey: [...evaluateKeys.queue(id), teamId ?? 'all'],
    queryFn: () => getEvaluationQueue(id, teamId),
    placeholderData: keepPreviousData,
  });
export const useEvaluationQueue = (id: string, teamId?: string) => useQuery(getEvaluationQueueQueryOptions(id, teamId));
