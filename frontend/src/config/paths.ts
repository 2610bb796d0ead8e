/** Every route of the app, in one place. */
export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: {
    path: '/login',
    getHref: (redirect?: string) => (redirect ? `/login?redirect=${encodeURIComponent(redirect)}` : '/login'),
  },
  join: { path: '/join/:code?', getHref: (code?: string) => (code ? `/join/${encodeURIComponent(code)}` : '/join') },
  play: { path: '/play', getHref: () => '/play' },
  account: { path: '/account', getHref: () => '/account' },
  accounts: { path: '/admin/accounts', getHref: () => '/admin/accounts' },
  control: {
    list: { path: '/control', getHref: () => '/control' },
    room: { path: '/control/:exerciseId', getHref: (exerciseId: string) => `/control/${exerciseId}` },
  },
  evaluate: {
    list: { path: '/evaluate', getHref: () => '/evaluate' },
    room: { path: '/evaluate/:exerciseId', getHref: (exerciseId: string) => `/evaluate/${exerciseId}` },
  },
  observe: {
    list: { path: '/observe', getHref: () => '/observe' },
    room: { path: '/observe/:exerciseId', getHref: (exerciseId: string) => `/observe/${exerciseId}` },
  },
} as const;

/** The invite link a facilitator hands to a team. */
export const inviteLink = (code: string) => `${window.location.origin}${paths.join.getHref(code)}`;
