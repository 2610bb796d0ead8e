import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { EvaluationQueueItem } from '../../../lib/api-types';
import { evaluateKeys, exercisePath } from './query-keys';

/** Responses no evaluator has looked at since they were last written, oldest first. */
export const getEvaluationQueue = (id: string) => api.get<EvaluationQueueItem[]>(exercisePath(id, '/evaluation/queue'));
export const getEvaluationQueueQueryOptions = (id: string) => queryOptions({ queryKey: evaluateKeys.queue(id), queryFn: () => getEvaluationQueue(id) });
export const useEvaluationQueue = (id: string) => useQuery(getEvaluationQueueQueryOptions(id));
