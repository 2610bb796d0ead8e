import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import type { ResponseView, TeamAckView } from '../responses/response-views.js';
import { type ControlChangesEvent, rooms, type ServerToClientEvents } from './realtime-events.js';
import { CONTROL_CHANGES_WINDOW_MS, RealtimeNotifier } from './realtime-notifier.js';

type Received = { event: string; payload: unknown; at: number };

/** A real socket.io server whose clients join the rooms their `auth.rooms` names. */
async function harness() {
  const http: HttpServer = createServer();
  const server = new Server<never, ServerToClientEvents>(http);
  server.on('connection', (s) => void s.join(s.handshake.auth.rooms as string[]));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const notifier = new RealtimeNotifier({ queuePrefix: 'spec' } as AppConfig);
  notifier.attachServer(server);
  const clients: Socket[] = [];
  const client = async (joined: string[]) => {
    const socket = io(url, { transports: ['websocket'], auth: { rooms: joined }, forceNew: true });
    clients.push(socket);
    const received: Received[] = [];
    socket.onAny((event: string, payload: unknown) => received.push({ event, payload, at: Date.now() }));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    // the join runs on the server's connection handler: give it a round trip
    await new Promise((r) => setTimeout(r, 50));
    return received;
  };
  const close = async () => {
    for (const c of clients) c.close();
    await notifier.onModuleDestroy();
    await new Promise<void>((r) => {
      void server.close(() => r());
    });
  };
  return { notifier, client, close };
}

const response = (id: string, injectId: string) => ({ id, injectId }) as ResponseView;
const ack = (injectId: string) => ({ injectId }) as TeamAckView;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RealtimeNotifier: staff notices gathered per exercise', () => {
  let done: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await done?.();
    done = undefined;
  });

  it('sends one control:changes per exercise per window, each entry once; the team gets each response at once', async () => {
    const h = await harness();
    done = h.close;
    const control = await h.client([rooms.control('ex1')]);
    const observer = await h.client([rooms.observers('ex1')]);
    const otherControl = await h.client([rooms.control('ex2')]);
    const team = await h.client([rooms.team('t1')]);

    const start = Date.now();
    h.notifier.responseChanged('ex1', 't1', response('r1', 'i1'));
    h.notifier.responseChanged('ex1', 't1', response('r1', 'i1')); // an edit of the same response
    h.notifier.responseChanged('ex1', 't2', response('r2', 'i1'));
    h.notifier.ackChanged('ex1', 't1', ack('i1'));
    h.notifier.ackChanged('ex1', 't1', ack('i1'));
    h.notifier.scoreChanged('ex1', 't2');
    h.notifier.scoreChanged('ex1', 't2');
    h.notifier.scoreChanged('ex2', 't9');

    await sleep(50);
    // teammates are not kept waiting: every event of team t1's log goes out at once, none merged
    expect(team.map((r) => r.event)).toEqual(['response:changed', 'response:changed', 'ack:changed', 'ack:changed']);
    expect(control).toEqual([]);

    await sleep(CONTROL_CHANGES_WINDOW_MS + 150);
    const want = {
      exerciseId: 'ex1',
      responses: [
        { responseId: 'r1', teamId: 't1', injectId: 'i1' },
        { responseId: 'r2', teamId: 't2', injectId: 'i1' },
      ],
      acks: [{ teamId: 't1', injectId: 'i1' }],
      scoredTeamIds: ['t2'],
    };
    expect(control.map((r) => [r.event, r.payload])).toEqual([['control:changes', want]]);
    expect((control[0]?.at ?? 0) - start).toBeGreaterThanOrEqual(CONTROL_CHANGES_WINDOW_MS - 5);
    expect(observer.map((r) => [r.event, r.payload])).toEqual([['control:changes', want]]);
    expect(otherControl.map((r) => [r.event, r.payload])).toEqual([
      ['control:changes', { exerciseId: 'ex2', responses: [], acks: [], scoredTeamIds: ['t9'] }],
    ]);
    // players never receive the staff notice
    expect(team.some((r) => r.event === 'control:changes')).toBe(false);

    // a change after the window starts a new notice
    h.notifier.responseChanged('ex1', 't1', response('r3', 'i2'));
    await sleep(CONTROL_CHANGES_WINDOW_MS + 150);
    expect(control.map((r) => (r.payload as ControlChangesEvent).responses)).toEqual([
      want.responses,
      [{ responseId: 'r3', teamId: 't1', injectId: 'i2' }],
    ]);
  });

  it('sends what it gathered when the module stops, before the window ends', async () => {
    const h = await harness();
    const control = await h.client([rooms.control('ex1')]);
    h.notifier.scoreChanged('ex1', 't1');
    await h.notifier.onModuleDestroy();
    await sleep(100);
    expect(control.map((r) => [r.event, r.payload])).toEqual([
      ['control:changes', { exerciseId: 'ex1', responses: [], acks: [], scoredTeamIds: ['t1'] }],
    ]);
    await h.close();
  });
});
