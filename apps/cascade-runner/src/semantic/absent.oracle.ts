import type { CascadeRow, Oracle, OracleAnswer } from '@chatbi/contracts';

/** The oracle of a host with no LLM configured: a row sent to it stays undecided, and says why. */
export class AbsentOracle implements Oracle {
  readonly name = 'none';

  async judge(_task: unknown, rows: readonly CascadeRow[]): Promise<OracleAnswer[]> {
    return rows.map((row) => ({ id: row.id, verdict: null, reason: 'no LLM oracle is configured' }));
  }

  tokensUsed(): number {
    return 0;
  }
}
