import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ControlResponse } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

export const getExerciseResponses = (id: string) => api.get<ControlResponse[]>(exercisePath(id, '/responses'));
export const getExerciseResponsesQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.responses(id), queryFn: () => getExerciseResponses(id) });
export const useExerciseResponses = (id: string) => useQuery(getExerciseResponsesQueryOptions(id));
