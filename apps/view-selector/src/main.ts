import 'reflect-metadata';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { ViewSelectorModule } from './view-selector.module';

/** view-selector on its own: single view selection over Kafka. */
runService({ name: 'view-selector', linksQuestions: true, modules: () => [{ module: ViewSelectorModule }] });
