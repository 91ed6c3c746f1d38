import { DynamicModule, Module } from '@nestjs/common';
import { AskController } from './ask.controller';
import { ASK_OPTIONS, AskService, type AskOptions } from './ask.service';
import { CatalogController } from './catalog.controller';
import { CONVERSATION_STORE, InMemoryConversationStore } from './conversation.store';
import { DialogueController } from './dialogue.controller';
import { DialogueService } from './dialogue.service';
import { COMPLETENESS_CLASSIFIER } from './question-completeness.classifier';
import { CatalogCompletenessClassifier } from './catalog-completeness.classifier';

/** Conversation state, multi-round matching and the public HTTP API. */
@Module({})
export class DialogueModule {
  static register(options: AskOptions): DynamicModule {
    return {
      module: DialogueModule,
      controllers: [AskController, CatalogController, DialogueController],
      providers: [
        { provide: ASK_OPTIONS, useValue: options },
        { provide: CONVERSATION_STORE, useValue: new InMemoryConversationStore() },
        { provide: COMPLETENESS_CLASSIFIER, useClass: CatalogCompletenessClassifier },
        AskService,
        DialogueService,
      ],
      exports: [AskService],
    };
  }
}
