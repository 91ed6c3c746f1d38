import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { MODELS_OPTIONS, ModelRegistry, type ModelsOptions } from './model.registry';
import { ModelsStartup } from './models-startup.service';

export interface ModelsModuleOptions {
  /** Prepare the models for the current catalog while the application boots (the runtime has not). */
  prepareOnBootstrap?: boolean;
}

/** The small models (completeness and view ranking) for every service of the process. */
@Global()
@Module({})
export class ModelsModule {
  static register(options: ModelsOptions, module: ModelsModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [{ provide: MODELS_OPTIONS, useValue: options }, ModelRegistry];
    if (module.prepareOnBootstrap) providers.push(ModelsStartup);
    return { module: ModelsModule, providers, exports: [ModelRegistry] };
  }
}
