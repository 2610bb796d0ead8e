/** Query keys of the control room; everything about one exercise sits under ['exercise', id]. */
export const controlKeys = {
  scenarios: ['scenarios'] as const,
  exercises: ['exercises'] as const,
  exercise: (id: string) => ['exercise', id] as const,
  detail: (id: string) => ['exercise', id, 'detail'] as const,
  timeline: (id: string) => ['exercise', id, 'timeline'] as const,
  grid: (id: string) => ['exercise', id, 'status-grid'] as const,
  responses: (id: string) => ['exercise', id, 'responses'] as const,
  events: (id: string) => ['exercise', id, 'events'] as const,
  threads: (id: string) => ['exercise', id, 'threads'] as const,
  decisions: (id: string) => ['exercise', id, 'decisions'] as const,
  scores: (id: string) => ['exercise', id, 'scores'] as const,
};

export const exercisePath = (id: string, rest = '') => `/exercises/${encodeURIComponent(id)}${rest}`;
