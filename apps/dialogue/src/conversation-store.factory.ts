import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { InMemoryConversationStore, type ConversationStore } from './conversation.store';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { TypeOrmConversationStore } from './typeorm-conversation.store';

/**
 * Conversations go to the metadata database when it knows the conversation_turn table (the runtime
 * lists ConversationTurnEntity and, for PostgreSQL, its migration); a runtime that does not yet is
 * told so once and keeps conversations in memory.
 */
export function conversationStoreFor(dataSource: DataSource): ConversationStore {
  if (dataSource.hasMetadata(ConversationTurnEntity)) return new TypeOrmConversationStore(dataSource.getRepository(ConversationTurnEntity));
  new Logger('Dialogue').warn('the metadata database does not list ConversationTurnEntity: conversations are kept in memory and end with the process');
  return new InMemoryConversationStore();
}
