import type { CascadeRow, Oracle, OracleAnswer, SemanticTask, Verdict } from '@chatbi/contracts';

/** A row the oracle judged: its key, its text and the verdict. */
export interface OracleLabel {
  id: string;
  text: string;
  verdict: Verdict;
}

/** Where an oracle's labels are kept, to train a proxy from them later. */
export interface LabelSink {
  record(task: SemanticTask, labels: readonly OracleLabel[]): void;
}

/**
 * An oracle whose verdicts are also written to a sink, with the texts they judge. Recording never
 * costs an answer: a sink that fails is reported to `onError` and the verdicts go back as they are.
 */
export class LabelRecordingOracle implements Oracle {
  readonly name: string;

  constructor(
    private readonly oracle: Oracle,
    private readonly sink: LabelSink,
    private readonly onError: (error: unknown) => void,
  ) {
    this.name = oracle.name;
  }

  async judge(task: SemanticTask, rows: readonly CascadeRow[], signal?: AbortSignal): Promise<OracleAnswer[]> {
    const answers = await this.oracle.judge(task, rows, signal);
    const texts = new Map(rows.map((row) => [row.id, row.text]));
    const labels: OracleLabel[] = [];
    for (const answer of answers) {
      const text = texts.get(answer.id);
      if (answer.verdict !== null && text) labels.push({ id: answer.id, text, verdict: answer.verdict });
    }
    if (labels.length > 0) {
      try {
        this.sink.record(task, labels);
      } catch (error) {
        this.onError(error);
      }
    }
    return answers;
  }

  tokensUsed(): number {
    return this.oracle.tokensUsed();
  }
}
