// A staff console as the load benchmark plays it: a socket watching the exercise and the API reads
// the real control room or evaluator seat makes on each event, each read coalesced to at most one
// per second as in the front end (`coalescedInvalidator`), with every list on screen.
import { io, type Socket } from 'socket.io-client';

const WINDOW_MS = 1000;
const now = () => performance.timeOrigin + performance.now();

/** which reads each event refreshes, as in use-control-realtime.ts and use-evaluation-realtime.ts */
const READS: Record<'control' | 'evaluator', Record<string, string[]>> = {
  control: {
    'control:inject-delivered': ['/timeline', '/status-grid'],
    'exercise:clock': ['/timeline'],
    'control:changes': ['/responses?limit=200', '/status-grid', '/scores'],
  },
  evaluator: {
    'control:changes': ['/evaluation/queue', '/scores'],
  },
};

export class StaffConsole {
  private socket: Socket | undefined;
  private readonly last = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  /** wall time of each read, ms */
  readonly latencies: number[] = [];
  /** the same, per read */
  readonly byPath = new Map<string, number[]>();
  readonly statuses = new Map<number | string, number>();

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly exerciseId: string,
    readonly seat: 'control' | 'evaluator',
  ) {}

  async start(): Promise<void> {
    const s = io(this.url, {
      transports: ['websocket'],
      auth: { token: this.token },
      reconnection: false,
      forceNew: true,
    });
    this.socket = s;
    await new Promise<void>((res, rej) => {
      s.once('session:ready', () => res());
      s.once('connect_error', rej);
    });
    const ack = (await s.timeout(10_000).emitWithAck('exercise:watch', { exerciseId: this.exerciseId })) as {
      ok: boolean;
    };
    if (!ack.ok) throw new Error(`${this.seat} console could not watch the exercise`);
    for (const [event, paths] of Object.entries(READS[this.seat]))
      s.on(event, () => paths.forEach((p) => this.refresh(p)));
  }

  private refresh(path: string): void {
    if (this.closed || this.timers.has(path)) return;
    const wait = (this.last.get(path) ?? -Infinity) + WINDOW_MS - now();
    if (wait <= 0) void this.read(path);
    else
      this.timers.set(
        path,
        setTimeout(() => {
          this.timers.delete(path);
          void this.read(path);
        }, wait),
      );
  }

  private async read(path: string): Promise<void> {
    this.last.set(path, now());
    const t = now();
    try {
      const r = await fetch(`${this.url}/api/exercises/${this.exerciseId}${path}`, {
        headers: { authorization: `Bearer ${this.token}` },
      });
      await r.arrayBuffer();
      this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
    } catch (e) {
      this.statuses.set(String(e), (this.statuses.get(String(e)) ?? 0) + 1);
    }
    if (this.closed) return;
    const ms = now() - t;
    this.latencies.push(ms);
    const key = path.replace(/\?.*/, '');
    const list = this.byPath.get(key) ?? [];
    list.push(ms);
    this.byPath.set(key, list);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.socket?.close();
  }
}
