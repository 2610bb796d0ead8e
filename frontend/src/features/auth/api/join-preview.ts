import { useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../lib/api-client';

/** What a join code leads to: the exercise's title, the team's name, and whether it started or ended. */
export type JoinPreview = ApiResponse<'/join/preview/{code}'>;

/** A code as typed, in its stored form, or null until it is a whole code (8 symbols). */
export function completeCode(code: string): string | null {
  const raw = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : null;
}

/** Looked up once the code is complete (a wrong code counts towards the join limit, as a join would). */
export const useJoinPreview = (code: string | null) =>
  useQuery({
    queryKey: ['join-preview', code],
    queryFn: ({ signal }) => api.get('/join/preview/{code}', { path: { code: code ?? '' }, signal }),
    enabled: code !== null,
    retry: false,
    staleTime: 30_000,
  });
