/**
 * How the console reconnects after the server went away: attempts after 250 ms, 500 ms, then every
 * 800 ms at most (±50 % jitter, capped), so every player has the backlog within about a second of a
 * restarted server answering, while a thousand consoles still spread their attempts out.
 * (socket.io's default grows to 5 s, which kept players waiting long after the server was back.)
 */
export const RECONNECT_OPTIONS = {
  reconnectionDelay: 250,
  reconnectionDelayMax: 800,
  randomizationFactor: 0.5,
} as const;
