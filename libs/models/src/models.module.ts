import { DynamicModule, Global, Module } from '@nestjs/common';
import { MODELS_OPTIONS, ModelRegistry, type ModelsOptions } from './model.registry';

/** The small models (completeness and view ranking) for every service of the process. */
@Global()
@Module({})
export class ModelsModule {
  static register(options: ModelsOptions): DynamicModule {
    return {
      module: ModelsModule,
      providers: [{ provide: MODELS_OPTIONS, useValue: options }, ModelRegistry],
      exports: [ModelRegistry],
    };
  }
}
