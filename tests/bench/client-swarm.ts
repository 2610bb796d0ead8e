// A child process holding many socket.io clients; it records when each inject reaches each client.
import { io, type Socket } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();

interface Start {
  url: string;
  tokens: string[];
}

const sockets: Socket[] = [];
const receipts: { injectId: string; socket: number; latenessMs: number }[] = [];

process.on('message', (msg: { type: 'start'; start: Start } | { type: 'finish' }) => {
  if (msg.type === 'start') {
    let ready = 0;
    msg.start.tokens.forEach((token, i) => {
      const s = io(msg.start.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
      s.on('session:ready', () => {
        ready++;
        if (ready === msg.start.tokens.length) process.send?.({ type: 'ready' });
      });
      s.on('inject:delivered', (e: { injectId: string; dueAt: number }) => {
        receipts.push({ injectId: e.injectId, socket: i, latenessMs: now() - e.dueAt });
      });
      sockets.push(s);
    });
  } else {
    for (const s of sockets) s.close();
    process.send?.({ type: 'receipts', receipts }, () => process.exit(0));
  }
});
