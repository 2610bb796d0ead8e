import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { originVerdict } from '../common/origin-check.js';
import type { AppConfig } from '../config/app-config.js';
import type { ServerToClientEvents } from '../realtime/realtime-events.js';
import { socketIoKey } from '../realtime/realtime-notifier.js';
import { redisConnection } from '../common/redis-connection.js';

/** What connected clients are told when Redis goes away and comes back (`system:status`). */
export type SystemStatusEvent = Parameters<ServerToClientEvents['system:status']>[0];

/**
 * socket.io over the Redis adapter: emits reach clients of every API instance and worker emitters.
 * While Redis is away this instance's own clients are told so (`system:status`), and told again
 * when it is back, so a console can show why nothing moves.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.pub = redisConnection(config.redisUrl, 'broadcast');
    this.sub = redisConnection(config.redisUrl, 'broadcast');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // a browser may open a socket (which carries the session cookie) only from the platform's own
    // pages: the same Origin check as state-changing HTTP requests (cross-site WebSocket hijacking)
    const allowRequest: ServerOptions['allowRequest'] = (req, callback) => {
      const verdict = originVerdict(req.headers, this.config.allowedOrigins);
      callback(
        verdict.ok ? null : `Refused: a connection from another site (${verdict.from ?? 'unknown'})`,
        verdict.ok,
      );
    };
    const server = super.createIOServer(port, { ...options, allowRequest } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: socketIoKey(this.config) }));
    let down = false;
    const tell = (event: SystemStatusEvent) => server.local.emit('system:status', event);
    const unreachable: SystemStatusEvent = {
      redis: 'unreachable',
      message: 'The exercise schedule (Redis) is unreachable: injects wait and changes are paused until it is back.',
    };
    this.pub.on('close', () => {
      if (down) return;
      down = true;
      tell(unreachable);
    });
    // a console that opens (or reconnects) during the outage is told at once, not at the next change
    server.on('connection', (socket) => {
      if (down) socket.emit('system:status', unreachable);
    });
    this.pub.on('ready', () => {
      if (!down) return;
      down = false;
      tell({ redis: 'ok', message: 'The exercise schedule (Redis) is back.' });
    });
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
