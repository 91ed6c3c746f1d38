import { Module } from '@nestjs/common';
import { SemanticProgressFeedController, SemanticProgressRegistry } from '@chatbi/cascade-runner';
import { SemanticProgressController } from './semantic-progress.controller';

/**
 * Distributed mode, in dialogue: GET /api/ask/:requestId/progress answered from the snapshots the
 * cascade-runners relay on chatbi.semantic-progress (embedded mode reads the runner's registry directly).
 */
@Module({
  controllers: [SemanticProgressController, SemanticProgressFeedController],
  providers: [SemanticProgressRegistry],
})
export class SemanticProgressEdgeModule {}
