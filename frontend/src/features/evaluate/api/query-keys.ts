/**
 * Query keys of the evaluator console. They sit under ['exercise', id] like the control room's,
 * so a resynchronisation after a reconnect refetches them too.
 */
export const evaluateKeys = {
  exercise: (id: string) => ['exercise', id] as const,
  detail: (id: string) => ['exercise', id, 'evaluate', 'detail'] as const,
  queue: (id: string) => ['exercise', id, 'evaluation-queue'] as const,
  scores: (id: string) => ['exercise', id, 'scores'] as const,
  ratings: (id: string) => ['exercise', id, 'ratings'] as const,
  pack: (packId: string) => ['pack', packId] as const,
};

export const exercisePath = (id: string, rest = '') => `/exercises/${encodeURIComponent(id)}${rest}`;
