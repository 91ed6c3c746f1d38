import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireScope, type Principal } from '@chatbi/auth';
import { ChatbiError, type ConversationDetail, type ConversationSummary } from '@chatbi/contracts';
import { CONVERSATION_HISTORY } from './conversation-history.provider';
import type { ConversationHistoryService } from './conversation-history.service';

/** The caller's own past conversations: listed (and searched) for the panel, and reopened with their answers. */
@Controller('api/conversations')
@RequireScope('ask')
export class ConversationHistoryController {
  constructor(@Inject(CONVERSATION_HISTORY) private readonly history: ConversationHistoryService | null) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query('search') search?: unknown): Promise<ConversationSummary[]> {
    if (search !== undefined && typeof search !== 'string') throw new ChatbiError('INVALID_REQUEST', 'search: one text, e.g. ?search=DAU');
    return this.kept().list(principal.user, search);
  }

  @Get(':sessionId')
  open(@CurrentPrincipal() principal: Principal, @Param('sessionId') sessionId: string): Promise<ConversationDetail> {
    return this.kept().open(principal.user, sessionId);
  }

  private kept(): ConversationHistoryService {
    if (!this.history) throw new ChatbiError('NOT_FOUND', 'This ChatBI keeps no conversation history (its metadata database does not list conversation_answer).');
    return this.history;
  }
}
