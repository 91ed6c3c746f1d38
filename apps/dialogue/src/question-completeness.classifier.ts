/** What a question names, as far as the catalog can tell. */
export interface QuestionSignals {
  /** Metric phrases the question names. */
  metrics: string[];
  /** Dimension names and enum values the question names. */
  dimensions: string[];
  /** Whether it names a time range, grain or comparison. */
  time: boolean;
  /** Whether it names a time range of its own (not only a grain, a comparison or a move of the range in view). */
  namesRange: boolean;
  /** Whether it reads as a continuation: "and ...", "what about ...", 那...呢, "for the same period", 这3个省. */
  continues: boolean;
  /** Meaningful words the catalog does not know (perhaps a metric it lacks). */
  unlinkedWords: string[];
  /** It ranks or counts ("top 5 search queries", "how many creators"): a question of its own even without a metric. */
  ranks: boolean;
  /** It opens a new topic ("new question:", 换个问题). */
  newTopic: boolean;
}

export interface CompletenessVerdict {
  complete: boolean;
  signals: QuestionSignals;
  /** Who decided: the trained model, or the catalog rule standing in for it. */
  decidedBy?: 'model' | 'catalog-rules';
  /** The model's probability of its verdict. */
  confidence?: number;
}

/**
 * I(Q) of the paper's Algorithm 1: 1 when a question holds both a metric and a dimension (a time
 * expression counts as one), 0 for a follow-up that lacks either.
 */
export interface QuestionCompletenessClassifier {
  /** `today` (YYYY-MM-DD) is the day the question was asked: "yesterday" depends on it. */
  isComplete(question: string, today: string): Promise<CompletenessVerdict>;
}

export const COMPLETENESS_CLASSIFIER = Symbol('COMPLETENESS_CLASSIFIER');
