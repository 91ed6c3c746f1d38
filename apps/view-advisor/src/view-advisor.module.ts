import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CATALOG_SOURCE, CatalogAdminService, type CatalogSource } from './catalog-admin.service';
import { CatalogAdminController } from './catalog-admin.controller';
import { QuestionLogEntity } from './question-log.entity';
import { ViewAdvisorController } from './view-advisor.controller';
import { ViewAdvisorService } from './view-advisor.service';

@Module({})
export class ViewAdvisorModule {
  static register(source: CatalogSource): DynamicModule {
    return {
      module: ViewAdvisorModule,
      imports: [TypeOrmModule.forFeature([QuestionLogEntity])],
      controllers: [ViewAdvisorController, CatalogAdminController],
      providers: [{ provide: CATALOG_SOURCE, useValue: source }, ViewAdvisorService, CatalogAdminService],
    };
  }
}
