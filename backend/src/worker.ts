import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { preflight } from './bootstrap/redis-check.js';
import { PinoLogger } from './common/pino-logger.js';

/** A delivery worker on its own: no HTTP, emits to clients through the socket.io Redis emitter. */
async function main(): Promise<void> {
  const config = await preflight();
  const app = await NestFactory.createApplicationContext(AppModule.forWorker(config), {
    logger: new PinoLogger(config.logLevel),
  });
  app.enableShutdownHooks();
  process.stdout.write('Cyber TTX delivery worker is running\n');
}

void main();
