/** Routes and download links of the review feature. */
export const reviewPaths = {
  list: { path: '/review', getHref: () => '/review' },
  report: { path: '/review/:exerciseId', getHref: (exerciseId: string) => `/review/${encodeURIComponent(exerciseId)}` },
  team: { path: '/team-report', getHref: () => '/team-report' },
} as const;

const ex = (id: string) => `/api/exercises/${encodeURIComponent(id)}`;
/** `?language=ko`: the report handed out in that language (absent: the scenario's source language). */
const lang = (language?: string | null) => (language ? `?language=${encodeURIComponent(language)}` : '');
export const reportDownloads = {
  full: (id: string, format: 'pdf' | 'markdown' | 'json' | 'responses-csv' | 'scores-csv', language?: string | null) =>
    `${ex(id)}/report/export/${format}${lang(language)}`,
  player: (id: string, teamId: string, format: 'pdf' | 'markdown' | 'json', language?: string | null) =>
    `${ex(id)}/report/player/${encodeURIComponent(teamId)}/export/${format}${lang(language)}`,
  plan: (id: string, format: 'pdf' | 'markdown' | 'json' | 'csv', language?: string | null) =>
    `${ex(id)}/improvement-plan/export/${format}${lang(language)}`,
  own: (format: 'pdf' | 'markdown' | 'json') => `/api/play/report/export/${format}`,
};

export const reviewKeys = {
  report: (id: string) => ['exercise', id, 'report'] as const,
  own: ['play', 'report'] as const,
  hotwash: ['play', 'hotwash'] as const,
};
