import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ScenarioSummary } from '../../../lib/api-types';
import { controlKeys } from './query-keys';

export const getScenarios = () => api.get<ScenarioSummary[]>('/scenarios');
export const getScenariosQueryOptions = () => queryOptions({ queryKey: controlKeys.scenarios, queryFn: getScenarios, staleTime: 5 * 60_000 });
export const useScenarios = (enabled = true) => useQuery({ ...getScenariosQueryOptions(), enabled });
