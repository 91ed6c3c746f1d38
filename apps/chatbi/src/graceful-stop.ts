import type { Server } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { AskService, ChatbiGrpcServer } from '@chatbi/dialogue';

/** How long answered responses may take to leave once the questions are drained. */
const RESPONSE_FLUSH_MS = 2_000;

/**
 * Stops the embedded app the way a deployment expects on SIGTERM: no new connections, the
 * questions in flight answered (by the models still in service) for at most timeoutMs, then the
 * models, warehouse and database closed.
 */
export async function stopGracefully(app: INestApplication, timeoutMs: number, logger = new Logger('ChatBI')): Promise<void> {
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const asks = app.get(AskService);
  logger.log(`draining ${asks.inFlight} question(s), at most ${timeoutMs} ms`);
  const [, idle] = await Promise.all([app.get(ChatbiGrpcServer).shutdown(timeoutMs), asks.drain(timeoutMs)]);
  if (!idle) logger.warn(`${asks.inFlight} question(s) still unanswered after ${timeoutMs} ms; stopping anyway`);
  // An answered question's response may still be on its way out: let its connection finish, briefly.
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const flushed = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), RESPONSE_FLUSH_MS)))]);
  clearTimeout(timer);
  if (!flushed) server.closeAllConnections();
  await closed;
  await app.close();
}

/** SIGTERM and SIGINT stop the app gracefully, then the process. */
export function stopOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('ChatBI');
  const onSignal = (signal: string) => {
    logger.log(`${signal}: shutting down`);
    stopGracefully(app, timeoutMs, logger).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
