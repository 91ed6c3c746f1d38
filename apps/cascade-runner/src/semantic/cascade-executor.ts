import type { CascadeOutcome, CascadeProgress, CascadeRow, SemanticTask } from '@chatbi/contracts';
import { runCascade } from '@chatbi/cascades';
import type { Judges } from './cascade-judges';
import type { SemanticOptions } from './semantic.options';


export interface CascadeJob {
  jobId: string;
  requestId: string;
  task: SemanticTask;
  judges: Judges;
  options: SemanticOptions;
  signal: AbortSignal;
  onProgress: (p: CascadeProgress) => void;
}

/** Runs one operator's cascade over rows: in-process partitions (embedded) or Kafka partitions (distributed). */
export interface CascadeExecutor {
  run(rows: readonly CascadeRow[], job: CascadeJob): Promise<CascadeOutcome>;
}

export const CASCADE_EXECUTOR = Symbol('CASCADE_EXECUTOR');

/** Embedded mode: the library's runCascade over in-process partitions, one PartitionCascade each. */
export class InProcessCascadeExecutor implements CascadeExecutor {
  run(rows: readonly CascadeRow[], job: CascadeJob): Promise<CascadeOutcome> {
    return runCascade(rows, {
      task: job.task,
      proxy: job.judges.proxy,
      oracle: job.judges.oracle,
      algorithm: job.options.algorithm,
      budget: job.options.budget,
      partitions: job.options.partitions,
      seed: job.options.seed,
      oracleBatchRows: job.options.oracleBatchRows,
      maxTextChars: job.options.maxTextChars,
      signal: job.signal,
      onProgress: job.onProgress,
    });
  }
}
