import { api } from '../../../lib/api-client';
import type { PlayerInjectView } from '../../../lib/api-types';

/** One delivered inject (the same 404 for future, unknown or other teams' injects). */
export const getInject = (injectId: string) => api.get<PlayerInjectView>(`/play/injects/${encodeURIComponent(injectId)}`);
