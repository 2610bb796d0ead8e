/** Routes and download links of the review feature. */
export const reviewPaths = {
  list: { path: '/review', getHref: () => '/review' },
  report: { path: '/review/:exerciseId', getHref: (exerciseId: string) => `/review/${encodeURIComponent(exerciseId)}` },
  team: { path: '/team-report', getHref: () => '/team-report' },
} as const;

const ex = (id: string) => `/api/exercises/${encodeURIComponent(id)}`;
export const reportDownloads = {
  full: (id: string, format: 'pdf' | 'markdown' | 'json' | 'responses-csv' | 'scores-csv') => `${ex(id)}/report/export/${format}`,
  player: (id: string, teamId: string, format: 'pdf' | 'markdown' | 'json') => `${ex(id)}/report/player/${encodeURIComponent(teamId)}/export/${format}`,
  plan: (id: string, format: 'pdf' | 'markdown' | 'json' | 'csv') => `${ex(id)}/improvement-plan/export/${format}`,
  own: (format: 'pdf' | 'markdown' | 'json') => `/api/play/report/export/${format}`,
};

export const reviewKeys = {
  report: (id: string) => ['exercise', id, 'report'] as const,
  own: ['play', 'report'] as const,
  hotwash: ['play', 'hotwash'] as const,
};
