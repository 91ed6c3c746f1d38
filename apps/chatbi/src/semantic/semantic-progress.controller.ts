import { Controller, Get, Param } from '@nestjs/common';
import { SemanticProgressRegistry } from '@chatbi/cascade-runner';
import { ChatbiError, type SemanticProgress } from '@chatbi/contracts';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * While a question with a semantic operator runs: rows seen, oracle calls, current thresholds. The
 * caller sends its own requestId with POST /api/ask and polls here; "pending" until a cascade starts.
 */
@Controller('api/ask')
export class SemanticProgressController {
  constructor(private readonly progress: SemanticProgressRegistry) {}

  @Get(':requestId/progress')
  get(@Param('requestId') requestId: string): SemanticProgress | { requestId: string; state: 'pending' } {
    if (!REQUEST_ID.test(requestId)) {
      throw new ChatbiError('INVALID_REQUEST', 'requestId may hold letters, digits and _ . : - (8 to 100)');
    }
    return this.progress.get(requestId) ?? { requestId, state: 'pending' };
  }
}
