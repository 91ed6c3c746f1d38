import type { CascadeRow, ProxyModel, SemanticTask } from '@chatbi/contracts';

/**
 * A proxy whose scores were computed elsewhere (a model run in the warehouse, or a synthetic data
 * set's own score): it looks each row up by id. Rows it does not know score `fallback`.
 */
export class PrecomputedScoreProxy implements ProxyModel {
  constructor(
    private readonly scores: ReadonlyMap<string, readonly number[]>,
    readonly name = 'precomputed',
    private readonly fallback: readonly number[] = [0.5],
  ) {}

  async score(_task: SemanticTask, rows: readonly CascadeRow[]): Promise<number[][]> {
    return rows.map((row) => [...(this.scores.get(row.id) ?? this.fallback)]);
  }
}
