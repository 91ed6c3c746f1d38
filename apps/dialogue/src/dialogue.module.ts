import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, type TrustedProxyOptions } from '@chatbi/auth';
import { DataSource } from 'typeorm';
import { AskController } from './ask.controller';
import { ASK_OPTIONS, AskService, type AskOptions } from './ask.service';
import { CatalogController } from './catalog.controller';
import { conversationStoreFor } from './conversation-store.factory';
import { CONVERSATION_STORE } from './conversation.store';
import { DialogueController } from './dialogue.controller';
import { DialogueService } from './dialogue.service';
import { ModelsController } from './models.controller';
import { COMPLETENESS_CLASSIFIER } from './question-completeness.classifier';
import { TrainedCompletenessClassifier } from './trained-completeness.classifier';

/**
 * Conversation state (in the metadata database), multi-round matching with the trained
 * completeness model (from the app's ModelsModule; catalog rules without one), and the public HTTP API,
 * which takes the asking user from a trusted proxy's signed headers when a secret is configured.
 */
@Module({})
export class DialogueModule {
  static register(options: AskOptions, access: TrustedProxyOptions = {}): DynamicModule {
    return {
      module: DialogueModule,
      imports: [AuthModule.register(access)],
      controllers: [AskController, CatalogController, DialogueController, ModelsController],
      providers: [
        { provide: ASK_OPTIONS, useValue: options },
        { provide: CONVERSATION_STORE, useFactory: conversationStoreFor, inject: [DataSource] },
        { provide: COMPLETENESS_CLASSIFIER, useClass: TrainedCompletenessClassifier },
        AskService,
        DialogueService,
      ],
      exports: [AskService],
    };
  }
}
