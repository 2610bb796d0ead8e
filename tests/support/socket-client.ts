import { io, type Socket } from 'socket.io-client';

export interface Received {
  event: string;
  payload: any;
  at: number;
}

/** A real socket.io client that records everything it receives. */
export class RecordingClient {
  readonly received: Received[] = [];
  readonly socket: Socket;

  constructor(baseUrl: string, token: string | undefined) {
    this.socket = io(baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload, at: Date.now() }));
    // a handshake refused before our gateway answers (transport or middleware error) counts as rejected too
    this.socket.on('connect_error', (err: Error) =>
      this.received.push({
        event: 'session:error',
        payload: { code: 'connect_error', message: err.message },
        at: Date.now(),
      }),
    );
    // so does a connection the server drops during the handshake (an oversized CONNECT frame): the
    // client library reports no error for that, only the transport closing
    this.socket.io.on('close', (reason: string) => {
      if (!this.received.some((r) => r.event === 'session:ready'))
        this.received.push({ event: 'session:error', payload: { code: 'closed', message: reason }, at: Date.now() });
    });
  }

  /** Resolves once the server has put the client in its rooms (or rejected it). */
  ready(): Promise<'ready' | 'rejected'> {
    return new Promise((res) => {
      const check = () => {
        if (this.received.some((r) => r.event === 'session:ready')) return res('ready');
        if (this.received.some((r) => r.event === 'session:error')) return res('rejected');
        setTimeout(check, 10);
      };
      check();
    });
  }

  of(event: string): any[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload);
  }

  watch(exerciseId: string): Promise<any> {
    return this.socket.timeout(5000).emitWithAck('exercise:watch', { exerciseId });
  }

  close(): void {
    this.socket.close();
  }
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
