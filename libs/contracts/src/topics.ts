/** Kafka topic names (and in-process channel names): one topic per pipeline hand-off. */
export const TOPICS = {
  ask: 'chatbi.ask',
  resolved: 'chatbi.resolved',
  viewSelected: 'chatbi.view-selected',
  planned: 'chatbi.planned',
  rendered: 'chatbi.rendered',
  answered: 'chatbi.answered',
  failed: 'chatbi.failed',
  viewMissed: 'chatbi.view-missed',
  catalogChanged: 'chatbi.catalog-changed',
  semanticRows: 'chatbi.semantic-rows',
  /** Distributed mode: each partition's row decisions, back to the cascade-runner that owns the job. */
  semanticDecisions: 'chatbi.semantic-decisions',
  /** Distributed mode: progress of running cascades, from the cascade-runner that owns the job to every dialogue (the HTTP edge). */
  semanticProgress: 'chatbi.semantic-progress',
  /** Distributed mode: questions from other product lines, answers on apiReplies keyed by request id. */
  apiRequests: 'chatbi.api.requests',
  apiReplies: 'chatbi.api.replies',
  /** Distributed mode: every instance's "alive and ready" every few seconds, so dialogue notices a dead stage. */
  heartbeats: 'chatbi.heartbeats',
  /** Messages that kept failing after retries, set aside for an operator. */
  deadLetter: 'chatbi.dead-letter',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
