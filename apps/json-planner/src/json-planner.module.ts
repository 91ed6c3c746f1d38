import { Module } from '@nestjs/common';
import { JsonPlannerController } from './json-planner.controller';
import { JsonPlannerService } from './json-planner.service';
import { OfflinePlanner } from './offline/offline-planner';
import { PLANNER } from './planner';

@Module({
  controllers: [JsonPlannerController],
  providers: [{ provide: PLANNER, useClass: OfflinePlanner }, JsonPlannerService],
})
export class JsonPlannerModule {}
