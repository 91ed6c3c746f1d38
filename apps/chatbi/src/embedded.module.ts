import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditModule } from '@chatbi/audit';
import { AuthModule } from '@chatbi/auth';
import { CatalogModule } from '@chatbi/catalog';
import { CascadeRunnerModule, type CascadeJudges } from '@chatbi/cascade-runner';
import { DialogueModule } from '@chatbi/dialogue';
import { JsonPlannerModule } from '@chatbi/json-planner';
import { ModelsModule } from '@chatbi/models';
import { SqlTemplaterModule, sqlDialectFor, type SqlDialectRules } from '@chatbi/sql-templater';
import { METRICS_REGISTRY, TransportModule, type MessageBus } from '@chatbi/transport';
import { ViewAdvisorModule, type CatalogSource } from '@chatbi/view-advisor';
import { ViewSelectorModule } from '@chatbi/view-selector';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import type { Clock } from '@chatbi/contracts';
import type { ChatbiConfig } from './config/chatbi.config';
import { CHATBI_CONFIG, askOptionsOf, modelsDirOf } from './config/chatbi.config';
import { jsonPlannerOptionsOf } from './config/planner.config';
import { auditOptionsOf, authOptionsOf, retentionPolicyOf } from './config/access.config';
import { RetentionModule } from './retention/retention.module';
import { MetricsController } from './metrics/metrics.controller';
import { processMetricsRegistry } from './metrics/process-metrics.registry';
import { metadataCheck, warehouseCheck } from './health/dependency.checks';
import { Readiness } from './health/readiness';
import { DbaConsoleController } from './dba-console/dba-console.controller';
import { HealthController } from './health/health.controller';
import { semanticOptionsOf } from './config/semantic.config';
import { cascadeJudgesFor } from './semantic/cascade-judges.factory';
import { SemanticProgressController } from './semantic/semantic-progress.controller';

export interface EmbeddedDependencies {
  config: ChatbiConfig;
  bus: MessageBus;
  warehouse: Warehouse;
  metadata: DataSourceOptions;
  templatesDir: string;
  /** How plans become SQL; by default the warehouse's own dialect. */
  dialect?: SqlDialectRules;
  catalogSource: CatalogSource;
  /** Who judges rows for semantic operators; from the configuration (Claude with a key) unless given. */
  judges?: CascadeJudges;
  /** The day questions are asked on; the system clock unless given (benchmarks ask on other days). */
  clock?: Clock;
}

@Global()
@Module({})
class InfrastructureModule {
  static register(deps: EmbeddedDependencies): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: WAREHOUSE, useValue: deps.warehouse },
        { provide: CHATBI_CONFIG, useValue: deps.config },
        { provide: METRICS_REGISTRY, useValue: processMetricsRegistry() },
        { provide: Readiness, useFactory: (metadata: DataSource) => new Readiness([warehouseCheck(deps.warehouse), metadataCheck(metadata)]), inject: [DataSource] },
      ],
      exports: [WAREHOUSE, CHATBI_CONFIG, METRICS_REGISTRY, Readiness],
    };
  }
}

/** All six services in one process over the in-process bus: the embedded runtime. */
@Module({})
export class EmbeddedModule {
  static register(deps: EmbeddedDependencies): DynamicModule {
    const { config } = deps;
    const dialect = deps.dialect ?? sqlDialectFor(deps.warehouse.dialect);
    return {
      module: EmbeddedModule,
      imports: [
        InfrastructureModule.register(deps),
        TransportModule.forBus(deps.bus),
        TypeOrmModule.forRoot({ ...deps.metadata, autoLoadEntities: true }),
        AuthModule.forRoot(authOptionsOf(config)),
        AuditModule.forRoot(auditOptionsOf(config)),
        RetentionModule.forRoot(retentionPolicyOf(config)),
        CatalogModule,
        ModelsModule.register({ dir: modelsDirOf(config) }),
        DialogueModule.register({ ...askOptionsOf(config), ...(deps.clock ? { clock: deps.clock } : {}) }),
        ViewSelectorModule,
        JsonPlannerModule.register(jsonPlannerOptionsOf(config)),
        SqlTemplaterModule.register({ dialect, templatesDir: deps.templatesDir }),
        CascadeRunnerModule.register({
          timeoutMs: config.CHATBI_QUERY_TIMEOUT_MS,
          maxRows: config.CHATBI_MAX_ROWS,
          semantic: { ...semanticOptionsOf(config), dialect, templatesDir: deps.templatesDir },
          judges: deps.judges ?? cascadeJudgesFor(config),
        }),
        ViewAdvisorModule.register(deps.catalogSource, dialect.name),
      ],
      controllers: [HealthController, MetricsController, SemanticProgressController, DbaConsoleController],
    };
  }
}
