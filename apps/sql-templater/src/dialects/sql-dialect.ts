import type { Grain, SqlDialect } from '@chatbi/contracts';

/**
 * What differs between warehouses before a template runs. Everything else (date arithmetic,
 * buckets, casts, NULL-safe matching, ordering) is SQL in the dialect's template files.
 */
export interface SqlDialectRules {
  readonly name: SqlDialect;
  /** Quotes a catalog identifier. */
  quote(identifier: string): string;
  /** The placeholder of the index-th (1-based) bound parameter. */
  placeholder(index: number): string;
  /** The time grains this dialect's templates can bucket by; a plan asking for another is refused. */
  readonly grains: readonly Grain[];
  /**
   * How a `/` of a catalog expression is written so that it divides as real numbers: a DBA writes
   * `sum(staytime) / 60` once for every engine, and PostgreSQL would divide integers as integers.
   */
  readonly realDivision: string;
}
