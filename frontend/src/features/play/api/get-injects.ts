import { queryOptions, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PlayerInjectView } from '../../../lib/api-types';

/**
 * Newest first: exercise time, then delivery instant, then id. The id settles ties (two injects
 * due at the same instant) so a live arrival and a reload put them in the same order.
 */
export function compareInjects(a: PlayerInjectView, b: PlayerInjectView): number {
  return b.scenarioMs - a.scenarioMs || b.deliveredAt - a.deliveredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Injects delivered to the player's team, newest first. */
export const getInjects = async ({ signal }: { signal?: AbortSignal } = {}) =>
  (await api.get('/play/injects', { signal })).sort(compareInjects);

export const injectsQueryKey = ['play', 'injects'] as const;
/**
 * Structural sharing by inject id (the default shares by array index, so one arrival at the top
 * would hand every inbox row a new object and re-render all of them).
 */
export function shareInjectsById(previous: unknown, next: unknown): unknown {
  if (!Array.isArray(previous) || !Array.isArray(next)) return next;
  const old = new Map((previous as PlayerInjectView[]).map((i) => [i.id, i]));
  const shared = (next as PlayerInjectView[]).map((i) => {
    const before = old.get(i.id);
    return before ? replaceEqualDeep<PlayerInjectView>(before, i) : i;
  });
  return shared.length === previous.length && shared.every((i, n) => i === previous[n]) ? previous : shared;
}

export const getInjectsQueryOptions = () =>
  queryOptions({ queryKey: injectsQueryKey, queryFn: getInjects, structuralSharing: shareInjectsById });
export const useInjects = () => useQuery(getInjectsQueryOptions());

/** Newest first, one entry per inject id: a realtime arrival and a refetch never show an inject twice. */
export function upsertInject(list: PlayerInjectView[] | undefined, inject: PlayerInjectView): PlayerInjectView[] {
  const rest = (list ?? []).filter((i) => i.id !== inject.id);
  const idx = rest.findIndex((i) => compareInjects(inject, i) < 0);
  if (idx === -1) return [...rest, inject];
  return [...rest.slice(0, idx), inject, ...rest.slice(idx)];
}
