import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { redisReachable, redisUnreachableMessage } from './bootstrap/redis-check.js';
import { PinoLogger } from './common/pino-logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';

/** A delivery worker on its own: no HTTP, emits to clients through the socket.io Redis emitter. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const redisProblem = await redisReachable(config.redisUrl);
  if (redisProblem) {
    process.stderr.write(redisUnreachableMessage(config.redisUrl, redisProblem));
    process.exit(3);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forWorker(config), { logger: new PinoLogger(config.logLevel) });
  app.enableShutdownHooks();
  process.stdout.write('Cyber TTX delivery worker is running\n');
}

void main();
