import { DynamicModule, Module } from '@nestjs/common';
import type { SqlDialect } from '@chatbi/contracts';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_SOURCE, CatalogAdminService, type CatalogSource } from './catalog-admin.service';
import { CatalogEditorService } from './catalog-editor.service';
import { CatalogAdminController } from './catalog-admin.controller';
import { FeedbackController } from './feedback.controller';
import { AnswerFeedbackEntity } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import { CreateQuestionLog1730000000100 } from './migrations/1730000000100-create-question-log.migration';
import { CreateAnswerFeedback1730000000800 } from './migrations/1730000000800-create-answer-feedback.migration';
import { QuestionLogEntity } from './question-log.entity';
import { ViewAdvisorController } from './view-advisor.controller';
import { ViewAdvisorService } from './view-advisor.service';
import { VIEW_ADVISOR_DIALECT, ViewProposalService } from './view-proposal.service';

/** The advisor's tables and their PostgreSQL migrations, for the metadata DataSource. */
export const VIEW_ADVISOR_ENTITIES = [QuestionLogEntity, AnswerFeedbackEntity];
export const VIEW_ADVISOR_MIGRATIONS = [CreateQuestionLog1730000000100, CreateAnswerFeedback1730000000800];

@Module({})
export class ViewAdvisorModule {
  /** dialect: the warehouse's, in which proposed views are written (default DuckDB). */
  static register(source: CatalogSource, dialect: SqlDialect = 'duckdb'): DynamicModule {
    return {
      module: ViewAdvisorModule,
      imports: [TypeOrmModule.forFeature(VIEW_ADVISOR_ENTITIES)],
      controllers: [ViewAdvisorController, CatalogAdminController, FeedbackController],
      providers: [
        { provide: CATALOG_SOURCE, useValue: source },
        { provide: VIEW_ADVISOR_DIALECT, useValue: dialect },
        ViewAdvisorService,
        ViewProposalService,
        CatalogAdminService,
        CatalogEditorService,
        FeedbackService,
      ],
    };
  }
}
