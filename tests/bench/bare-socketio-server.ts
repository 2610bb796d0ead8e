// The delivery benchmark's in-run baseline: a bare socket.io server in a process of its own (as the
// platform's backend is), with no database, no queue, no Redis adapter and no authentication. Each
// client names its team in the handshake (`auth.token` = team index) and joins that room; the
// server then broadcasts the same schedule the platform delivers — the same event name and payload
// shape, every other inject to every team, the rest to one — at each instant, waiting for it the
// way the platform's worker does (a timer, then short yields). What the platform adds on top of this
// is its own cost.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const now = () => performance.timeOrigin + performance.now();

async function waitUntil(at: number): Promise<void> {
  for (let remaining = at - now(); remaining > 8; remaining = at - now())
    await new Promise((r) => setTimeout(r, Math.min(remaining - 8, 1000)));
  while (now() < at) await new Promise<void>((r) => setImmediate(r));
}

export interface BareSchedule {
  teams: number;
  injects: number;
  spacingMs: number;
}

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false, transports: ['websocket'] });
io.on('connection', (s) => {
  const team = Number((s.handshake.auth as { token?: string }).token ?? 0);
  void s.join(`team:${team}`);
  s.emit('session:ready', { kind: 'participant', rooms: [`team:${team}`] });
});

process.on('message', (msg: { type: 'run'; schedule: BareSchedule } | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    void io.close();
    process.exit(0);
  }
  const { teams, injects, spacingMs } = msg.schedule;
  void (async () => {
    const start = now() + 500;
    for (let i = 0; i < injects; i++) {
      const due = start + (i + 1) * spacingMs;
      await waitUntil(due);
      const rooms = i % 2 === 0 ? Array.from({ length: teams }, (_, t) => `team:${t}`) : [`team:${i % teams}`];
      const dueAt = Math.round(due);
      io.to(rooms).emit('inject:delivered', {
        exerciseId: 'bare',
        injectId: `inject-${i + 1}`,
        scenarioMs: (i + 1) * 60_000,
        dueAt,
        deliveredAt: dueAt,
        late: false,
      });
    }
    process.send?.({ type: 'done' });
  })();
});

http.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (http.address() as AddressInfo).port }));
