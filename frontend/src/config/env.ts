/** Build-time settings. The app talks to its own origin (/api, /socket.io), so there is little to configure. */
export const env = {
  mode: import.meta.env.MODE,
  dev: import.meta.env.DEV,
} as const;
