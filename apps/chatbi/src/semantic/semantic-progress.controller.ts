import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal, callerKey, type Principal } from '@chatbi/auth';
import { SemanticProgressRegistry } from '@chatbi/cascade-runner';
import { ChatbiError, scopedRequestId, type SemanticProgress } from '@chatbi/contracts';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * While a question with a semantic operator runs: rows seen, oracle calls, current thresholds. The
 * caller sends its own requestId with POST /api/ask and polls here; "pending" until a cascade starts.
 * Request ids are per caller: another caller polling the same id sees only "pending".
 */
@Controller('api/ask')
export class SemanticProgressController {
  constructor(private readonly progress: SemanticProgressRegistry) {}

  @Get(':requestId/progress')
  get(@Param('requestId') requestId: string, @CurrentPrincipal() principal: Principal): SemanticProgress | { requestId: string; state: 'pending' } {
    if (!REQUEST_ID.test(requestId)) {
      throw new ChatbiError('INVALID_REQUEST', 'requestId may hold letters, digits and _ . : - (8 to 100)');
    }
    const progress = this.progress.get(scopedRequestId(callerKey(principal), requestId));
    return progress ? { ...progress, requestId } : { requestId, state: 'pending' };
  }
}
