import { api } from '../../../lib/api-client';

/** One delivered inject (the same 404 for future, unknown or other teams' injects). */
export const getInject = (injectId: string) => api.get('/play/injects/{injectId}', { path: { injectId } });
