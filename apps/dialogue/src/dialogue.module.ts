import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AskController } from './ask.controller';
import { AnswerMetrics } from './metrics/answer.metrics';
import { ChatbiGrpcServer } from './api/grpc/chatbi-grpc.server';
import { ASK_OPTIONS, AskService, type AskOptions } from './ask.service';
import { CatalogController } from './catalog.controller';
import { conversationStoreFor } from './conversation-store.factory';
import { CONVERSATION_STORE } from './conversation.store';
import { DialogueController } from './dialogue.controller';
import { DialogueService } from './dialogue.service';
import { ModelsController } from './models.controller';
import { COMPLETENESS_CLASSIFIER } from './question-completeness.classifier';
import { TrainedCompletenessClassifier } from './trained-completeness.classifier';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { ConversationAnswerEntity } from './history/conversation-answer.entity';
import { ConversationHistoryController } from './history/conversation-history.controller';
import { conversationHistoryProvider } from './history/conversation-history.provider';
import { CreateConversationAnswer1730000001450 } from './migrations/1730000001450-create-conversation-answer.migration';
import { CreateConversationTurn1730000000500 } from './migrations/1730000000500-create-conversation-turn.migration';
import { AddConversationTurnUser1730000001100 } from './migrations/1730000001100-add-conversation-turn-user.migration';

/** The dialogue's tables and their PostgreSQL migrations, for the metadata DataSource. */
export const DIALOGUE_ENTITIES = [ConversationTurnEntity, ConversationAnswerEntity];
export const DIALOGUE_MIGRATIONS = [CreateConversationTurn1730000000500, AddConversationTurnUser1730000001100, CreateConversationAnswer1730000001450];

/**
 * Conversation state (in the metadata database), multi-round matching with the trained
 * completeness model (from the app's ModelsModule; catalog rules without one), and the public HTTP
 * API, which asks as the caller the app's AuthModule authenticated.
 */
@Module({})
export class DialogueModule {
  static register(options: AskOptions): DynamicModule {
    return {
      module: DialogueModule,
      controllers: [AskController, CatalogController, ConversationHistoryController, DialogueController, ModelsController],
      providers: [
        { provide: ASK_OPTIONS, useValue: options },
        { provide: CONVERSATION_STORE, useFactory: conversationStoreFor, inject: [DataSource] },
        { provide: COMPLETENESS_CLASSIFIER, useClass: TrainedCompletenessClassifier },
        conversationHistoryProvider,
        AskService,
        AnswerMetrics,
        DialogueService,
        ChatbiGrpcServer,
      ],
      exports: [AskService, AnswerMetrics, CONVERSATION_STORE, ChatbiGrpcServer],
    };
  }
}
