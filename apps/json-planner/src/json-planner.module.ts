import { DynamicModule, Module } from '@nestjs/common';
import { JsonPlannerController } from './json-planner.controller';
import { JSON_PLANNER_OPTIONS, type JsonPlannerOptions } from './json-planner.options';
import { JsonPlannerService } from './json-planner.service';
import { OfflinePlanner } from './offline/offline-planner';
import { PLANNER } from './planner';
import { selectPlanner } from './planner.selector';

/** The json-planner stage: an LLM planner (Claude or an OpenAI-compatible endpoint) when options configure one, the offline planner otherwise. */
@Module({})
export class JsonPlannerModule {
  static register(options: JsonPlannerOptions = {}): DynamicModule {
    return {
      module: JsonPlannerModule,
      controllers: [JsonPlannerController],
      providers: [
        { provide: JSON_PLANNER_OPTIONS, useValue: options },
        OfflinePlanner,
        { provide: PLANNER, useFactory: selectPlanner, inject: [JSON_PLANNER_OPTIONS, OfflinePlanner] },
        JsonPlannerService,
      ],
    };
  }
}
