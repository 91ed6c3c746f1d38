import { Injectable, Logger, Optional } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ModelRegistry } from '@chatbi/models';
import type { RankedView, ViewRanker } from './view.ranker';

/** The trained view-ranking model (served with onnxruntime), for the catalog it was trained on only. */
@Injectable()
export class TrainedViewRanker implements ViewRanker {
  private readonly logger = new Logger(TrainedViewRanker.name);

  constructor(
    private readonly catalogs: CatalogRegistry,
    @Optional() private readonly models?: ModelRegistry,
  ) {}

  async rank(question: string): Promise<RankedView[] | undefined> {
    const model = this.models?.model('view-ranking', this.catalogs.current().hash);
    if (!model) return undefined;
    try {
      return (await model.predict(question)).ranked.map((r) => ({ view: r.label, probability: r.probability }));
    } catch (error) {
      this.logger.warn(`the view-ranking model failed, catalog rules decide: ${(error as Error).message}`);
      return undefined;
    }
  }
}
