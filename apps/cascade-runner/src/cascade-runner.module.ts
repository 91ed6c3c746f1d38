import { DynamicModule, Module } from '@nestjs/common';
import { CascadeRunnerController } from './cascade-runner.controller';
import { CASCADE_RUNNER_OPTIONS, CascadeRunnerService, type CascadeRunnerOptions } from './cascade-runner.service';

/** Needs a WAREHOUSE provider from the host application. */
@Module({})
export class CascadeRunnerModule {
  static register(options: CascadeRunnerOptions): DynamicModule {
    return {
      module: CascadeRunnerModule,
      controllers: [CascadeRunnerController],
      providers: [{ provide: CASCADE_RUNNER_OPTIONS, useValue: options }, CascadeRunnerService],
    };
  }
}
