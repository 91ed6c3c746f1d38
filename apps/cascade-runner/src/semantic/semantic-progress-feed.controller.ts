import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@chatbi/contracts';
import { parseProgressMessage } from './kafka-semantic.schema';
import { SemanticProgressRegistry } from './semantic-progress.registry';

/** Distributed mode, at the HTTP edge: keeps the progress cascade-runners relay, for GET /api/ask/:requestId/progress. */
@Controller()
export class SemanticProgressFeedController {
  private readonly logger = new Logger(SemanticProgressFeedController.name);

  constructor(private readonly registry: SemanticProgressRegistry) {}

  @EventPattern(TOPICS.semanticProgress)
  onProgress(@Payload() message: unknown): void {
    let progress;
    try {
      progress = parseProgressMessage(message);
    } catch (error) {
      // Progress is advisory: a bad snapshot is dropped, not retried or set aside.
      this.logger.warn(`dropping a message on ${TOPICS.semanticProgress}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { updatedAt: _sentAt, ...snapshot } = progress;
    this.registry.update(snapshot);
  }
}
