import 'reflect-metadata';
import { ModelsModule } from '@chatbi/models';
import { modelsDirOf } from '../../chatbi/src/config/chatbi.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { ViewSelectorModule } from './view-selector.module';

/** view-selector on its own: single view selection over Kafka, the trained view-ranking model from the shared models directory. */
runService({
  name: 'view-selector',
  linksQuestions: true,
  modules: (config) => [ModelsModule.register({ dir: modelsDirOf(config) }, { prepareOnBootstrap: true }), { module: ViewSelectorModule }],
});
