import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { preflight } from './bootstrap/redis-check.js';
import { RedisIoAdapter } from './bootstrap/redis-io.adapter.js';
import { receiveHandedSockets } from './bootstrap/socket-handoff.js';
import { PinoLogger } from './common/pino-logger.js';

/**
 * The socket process of `SOCKETS=process`, started by the API process (not by hand): it holds the
 * players' and staff's sockets, which the API hands over as they connect. Its HTTP server never
 * listens; it exits with the API process.
 */
async function main(): Promise<void> {
  const config = await preflight();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forSockets(config), {
    logger: new PinoLogger(config.logLevel),
    bodyParser: false,
  });
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new RedisIoAdapter(app, config));
  await app.init();
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  receiveHandedSockets(app.getHttpServer());
}

void main();
