/** One view and the model's probability that it is the single view for a question. */
export interface RankedView {
  view: string;
  probability: number;
}

/** Ranks the catalog's views for a question; undefined when no model for the current catalog is in service. */
export interface ViewRanker {
  rank(question: string): Promise<RankedView[] | undefined>;
}

export const VIEW_RANKER = Symbol('VIEW_RANKER');
