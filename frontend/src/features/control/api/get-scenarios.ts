import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const getScenarios = () => api.get('/scenarios');
export const getScenariosQueryOptions = () =>
  queryOptions({ queryKey: controlKeys.scenarios, queryFn: getScenarios, staleTime: 5 * 60_000 });
export const useScenarios = (enabled = true) => useQuery({ ...getScenariosQueryOptions(), enabled });
