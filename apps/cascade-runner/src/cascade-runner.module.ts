import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { CascadeRunnerController } from './cascade-runner.controller';
import { CASCADE_RUNNER_OPTIONS, type CascadeRunnerOptions } from './cascade-runner.options';
import { CascadeRunnerService } from './cascade-runner.service';
import { CASCADE_EXECUTOR, InProcessCascadeExecutor, type CascadeExecutor } from './semantic/cascade-executor';
import { CASCADE_JUDGES, type CascadeJudges } from './semantic/cascade-judges';
import { KafkaCascadeExecutor } from './semantic/kafka-cascade.executor';
import { KafkaPartitionWorker } from './semantic/kafka-partition.worker';
import { KafkaSemanticController } from './semantic/kafka-semantic.controller';
import { KAFKA_SEMANTIC_OPTIONS, type KafkaSemanticOptions } from './semantic/kafka-semantic.options';
import { OracleUnavailableJudges } from './semantic/oracle-unavailable.judges';
import { SemanticProgressPublisher } from './semantic/semantic-progress.publisher';
import { SemanticProgressRegistry } from './semantic/semantic-progress.registry';
import { SemanticRunnerService } from './semantic/semantic-runner.service';

export interface CascadeRunnerModuleOptions extends CascadeRunnerOptions {
  /** Who judges rows for semantic operators; without it they are refused (ORACLE_UNAVAILABLE). */
  judges?: CascadeJudges;
  /** Where cascades run: in-process partitions unless given (distributed mode passes its Kafka executor). */
  executor?: CascadeExecutor | { useFactory: (...deps: never[]) => CascadeExecutor; inject?: (string | symbol | Function)[] };
  /** Extra providers the executor factory needs. */
  providers?: Provider[];
  /** Distributed mode: cascades run over Kafka partitions of chatbi.semantic-rows, this instance one of their workers. */
  kafka?: KafkaSemanticOptions;
}

/** Needs a WAREHOUSE provider from the host application (and the global CatalogRegistry). */
@Module({})
export class CascadeRunnerModule {
  static register(options: CascadeRunnerModuleOptions): DynamicModule {
    const { judges, executor, providers = [], kafka, ...runner } = options;
    const executorProvider: Provider = kafka
      ? { provide: CASCADE_EXECUTOR, useExisting: KafkaCascadeExecutor }
      : executor && 'useFactory' in executor
        ? { provide: CASCADE_EXECUTOR, useFactory: executor.useFactory, inject: executor.inject ?? [] }
        : { provide: CASCADE_EXECUTOR, useValue: executor ?? new InProcessCascadeExecutor() };
    return {
      module: CascadeRunnerModule,
      controllers: kafka ? [CascadeRunnerController, KafkaSemanticController] : [CascadeRunnerController],
      providers: [
        { provide: CASCADE_RUNNER_OPTIONS, useValue: runner },
        { provide: CASCADE_JUDGES, useValue: judges ?? new OracleUnavailableJudges() },
        executorProvider,
        ...providers,
        ...(kafka ? [{ provide: KAFKA_SEMANTIC_OPTIONS, useValue: kafka }, KafkaCascadeExecutor, KafkaPartitionWorker, SemanticProgressPublisher] : []),
        SemanticProgressRegistry,
        SemanticRunnerService,
        CascadeRunnerService,
      ],
      exports: [SemanticProgressRegistry],
    };
  }
}
