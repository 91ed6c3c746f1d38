/** Distributed mode: how this cascade-runner instance takes part in semantic cascades over Kafka. */
export interface KafkaSemanticOptions {
  /** This instance's id, written on the decisions it publishes. */
  instanceId: string;
  /** Rows per message of chatbi.semantic-rows (also cut by size, see maxBatchBytes); default 200, one cascade window. */
  batchRows?: number;
  /** Upper bound on a rows message's text, well below Kafka's 1 MB message limit; default 256 KiB. */
  maxBatchBytes?: number;
}

export const KAFKA_SEMANTIC_OPTIONS = Symbol('KAFKA_SEMANTIC_OPTIONS');

export const DEFAULT_BATCH_ROWS = 200;
export const DEFAULT_MAX_BATCH_BYTES = 256 * 1024;
