import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationAnswerEntity } from './conversation-answer.entity';
import { ConversationHistoryService } from './conversation-history.service';

export const CONVERSATION_HISTORY = Symbol('CONVERSATION_HISTORY');

/** The history in the metadata database; none (null) when the runtime's database does not list its table. */
export const conversationHistoryProvider: Provider = {
  provide: CONVERSATION_HISTORY,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) =>
    dataSource.hasMetadata(ConversationAnswerEntity) ? new ConversationHistoryService(dataSource.getRepository(ConversationAnswerEntity)) : null,
};
