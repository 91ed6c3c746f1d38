import type { INestApplication } from '@nestjs/common';
import type { ChatbiConfig } from '../config/chatbi.config';
import { defaultAskPanelDir } from './ask-panel.location';
import { askPanelMiddleware } from './ask-panel.middleware';
import { corsOptions } from './cors.options';

/**
 * The browser side of the embedded app: CORS for the origins allowed to call the API (Superset's),
 * and the Ask panel at /. Call before app.init() so that both come before the routes.
 */
export function serveAskPanel(app: INestApplication, config: Pick<ChatbiConfig, 'CHATBI_CORS_ORIGINS'>, dir = defaultAskPanelDir()): void {
  if (config.CHATBI_CORS_ORIGINS.length > 0) app.enableCors(corsOptions(config.CHATBI_CORS_ORIGINS));
  app.use(askPanelMiddleware(dir));
}
