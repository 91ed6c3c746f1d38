import type { CascadeRow, Oracle, OracleAnswer, SemanticTask, Verdict } from '@chatbi/contracts';

/**
 * The benchmark's oracle: answers with the data set's gold label, and counts requests and rows
 * exactly as the cascade counts a real oracle's. A row it has no label for gets no verdict.
 */
export class GoldLabelOracle implements Oracle {
  readonly name = 'gold-label';
  requests = 0;
  rowsJudged = 0;

  constructor(private readonly labels: ReadonlyMap<string, Verdict>) {}

  async judge(_task: SemanticTask, rows: readonly CascadeRow[]): Promise<OracleAnswer[]> {
    this.requests++;
    this.rowsJudged += rows.length;
    return rows.map((row) => {
      const verdict = this.labels.get(row.id);
      return verdict === undefined ? { id: row.id, verdict: null, reason: 'no gold label for the row' } : { id: row.id, verdict };
    });
  }

  tokensUsed(): number {
    return 0;
  }
}
