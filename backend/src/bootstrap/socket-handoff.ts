import { type ChildProcess, fork } from 'node:child_process';
import { IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';

/** The socket.io path; the gateway serves it (`RealtimeGateway`). */
const SOCKET_PATH = '/socket.io/';

/** What the API process sends with each WebSocket it hands over: the upgrade request, parsed. */
interface UpgradeMessage {
  t: 'ttx:upgrade';
  method: string;
  url: string;
  rawHeaders: string[];
  /** bytes the client sent after the request's headers (base64; usually none) */
  head: string;
}

type ChildMessage = { t: 'ttx:sockets-ready' };

/** Upgrades waiting while the socket process (re)starts; beyond this a client is refused and reconnects. */
const MAX_WAITING = 5_000;
const RESTART_DELAY_MS = 250;

/**
 * `SOCKETS=process`, API side: starts the socket process (`sockets.js`) and hands it every
 * WebSocket upgrade on the socket.io path, the connection itself (its file descriptor) with the
 * request already read. From then on the client and the socket process talk directly: none of
 * the fan-out's writes run on this process's event loop. What the API and the workers send
 * reaches the socket process through the socket.io Redis adapter. A socket process that exits is
 * started again; its clients reconnect as after any server restart.
 */
export class SocketProcessHost {
  private readonly logger = new Logger('sockets');
  private child: ChildProcess | undefined;
  private ready = false;
  private readonly waiting: { msg: UpgradeMessage; socket: Socket }[] = [];

  constructor(
    private readonly httpServer: HttpServer,
    private readonly entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'sockets.js'),
  ) {}

  start(): void {
    this.httpServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      if (!req.url?.startsWith(SOCKET_PATH)) {
        socket.destroy();
        return;
      }
      const msg: UpgradeMessage = {
        t: 'ttx:upgrade',
        method: req.method ?? 'GET',
        url: req.url,
        rawHeaders: req.rawHeaders,
        head: head.toString('base64'),
      };
      this.handOver(msg, socket);
    });
    this.spawn();
    // a process that ends without its shutdown hooks (an uncaught error) still takes its child along
    process.once('exit', () => this.child?.kill());
  }

  private handOver(msg: UpgradeMessage, socket: Socket): void {
    const child = this.child;
    if (!this.ready || !child?.connected) {
      if (this.waiting.length >= MAX_WAITING) socket.destroy();
      else this.waiting.push({ msg, socket });
      return;
    }
    child.send(msg, socket, { keepOpen: false }, (err) => {
      if (err) socket.destroy();
    });
  }

  private spawn(): void {
    this.ready = false;
    const child = fork(this.entry, [], { stdio: 'inherit', serialization: 'json' });
    this.child = child;
    child.on('message', (m: ChildMessage) => {
      if (m?.t !== 'ttx:sockets-ready') return;
      this.ready = true;
      this.logger.log(`socket process ${child.pid} holds the players' sockets`);
      for (const w of this.waiting.splice(0)) this.handOver(w.msg, w.socket);
    });
    child.on('exit', (code, signal) => {
      this.ready = false;
      this.logger.error(
        `socket process ${child.pid} exited (${signal ?? `code ${code}`}): starting another; its clients reconnect`,
      );
      setTimeout(() => this.spawn(), RESTART_DELAY_MS).unref();
    });
  }
}

/**
 * `SOCKETS=process`, socket process side: each handed-over connection becomes an `upgrade` on this
 * process's own HTTP server (which never listens), where socket.io's engine takes it as if the
 * client had connected here.
 */
export function receiveHandedSockets(httpServer: HttpServer): void {
  process.on('message', (msg: UpgradeMessage, socket: Socket | undefined) => {
    if (msg?.t !== 'ttx:upgrade' || !socket) return;
    const req = new IncomingMessage(socket);
    req.method = msg.method;
    req.url = msg.url;
    req.httpVersion = '1.1';
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.rawHeaders = msg.rawHeaders;
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < msg.rawHeaders.length; i += 2) {
      const name = msg.rawHeaders[i]!.toLowerCase();
      const value = msg.rawHeaders[i + 1]!;
      // the same joining Node's parser does for repeated headers (cookies with "; ")
      headers[name] = name in headers ? `${headers[name]}${name === 'cookie' ? '; ' : ', '}${value}` : value;
    }
    req.headers = headers;
    req.complete = true;
    httpServer.emit('upgrade', req, socket, Buffer.from(msg.head, 'base64'));
  });
  process.send?.({ t: 'ttx:sockets-ready' } satisfies ChildMessage);
}
