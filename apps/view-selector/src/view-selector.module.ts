import { Module } from '@nestjs/common';
import { TrainedViewRanker } from './trained-view.ranker';
import { ViewSelectorController } from './view-selector.controller';
import { ViewSelectorService } from './view-selector.service';
import { VIEW_RANKER } from './view.ranker';

/** Single view selection with the trained view-ranking model (from the app's ModelsModule; coverage rules without one). */
@Module({
  controllers: [ViewSelectorController],
  providers: [ViewSelectorService, { provide: VIEW_RANKER, useClass: TrainedViewRanker }],
})
export class ViewSelectorModule {}
