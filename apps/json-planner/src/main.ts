import 'reflect-metadata';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { JsonPlannerModule } from './json-planner.module';

/** json-planner on its own: the JSON plan for the selected view over Kafka; Claude when a key is set, offline otherwise. */
runService({
  name: 'json-planner',
  linksQuestions: true,
  modules: (config) => [
    JsonPlannerModule.register({
      claude: config.ANTHROPIC_API_KEY
        ? {
            apiKey: config.ANTHROPIC_API_KEY,
            baseURL: config.CHATBI_ANTHROPIC_BASE_URL,
            model: config.CHATBI_ANTHROPIC_MODEL,
            timeoutMs: config.CHATBI_PLANNER_TIMEOUT_MS,
          }
        : undefined,
    }),
  ],
});
