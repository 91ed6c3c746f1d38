import 'reflect-metadata';
import { jsonPlannerOptionsOf } from '../../chatbi/src/config/planner.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { JsonPlannerModule } from './json-planner.module';

/** json-planner on its own: the JSON plan for the selected view over Kafka; an LLM planner when one is configured, offline otherwise. */
runService({
  name: 'json-planner',
  linksQuestions: true,
  modules: (config) => [
    JsonPlannerModule.register(jsonPlannerOptionsOf(config)),
  ],
});
