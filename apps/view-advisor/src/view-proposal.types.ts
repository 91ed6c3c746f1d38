/** A catalog column a missed question asked for, with the phrases of the questions that named it. */
export interface RequestedColumn {
  view: string;
  column: string;
  phrases: string[];
}

/** A column of a proposed view: where it comes from and what it is called in the new view. */
export interface ProposedColumn {
  name: string;
  from: { view: string; column: string };
  kind: 'physical' | 'virtual';
  /** Why it is in the view: asked for, a join key, the time column, or used by a virtual column. */
  reason: 'requested' | 'join-key' | 'time' | 'dependency';
}

export interface ProposedJoin {
  view: string;
  /** Columns of the same name and role (id, time, dimension) in this view and the primary one. */
  keys: string[];
}

/** A view that would answer a group of missed questions, as SQL a DBA can run and a catalog entry. */
export interface ProposedView {
  name: string;
  /** The view with the most requested columns; the others are left-joined to it. */
  primary: string;
  joins: ProposedJoin[];
  /** False when some view shares no id, time or dimension column with the primary one. */
  safeJoin: boolean;
  columns: ProposedColumn[];
  /** CREATE VIEW for the warehouse (DuckDB); null when no safe join key exists. */
  ddl: string | null;
  /** The catalog YAML file for the new view; null when no safe join key exists. */
  yaml: string | null;
  warnings: string[];
}

export interface ViewProposal {
  /** Stable for one set of requested columns. */
  id: string;
  requested: RequestedColumn[];
  misses: number;
  firstAskedAt: string;
  lastAskedAt: string;
  /** Misses weighted by recency (half-life in days, see ProposalsReport): the ranking. */
  score: number;
  /** A few of the questions, most recent first. */
  examples: string[];
  view: ProposedView;
}

export interface RetireProposal {
  view: string;
  hitsTotal: number;
  lastHitAt: string | null;
  reason: string;
}

export interface ProposalsReport {
  generatedAt: string;
  catalogHash: string;
  halfLifeDays: number;
  retireAfterDays: number;
  /** Misses read from the question log (the most recent ones, up to a cap). */
  missesRead: number;
  /** Misses that cannot become a proposal: logged without their catalog columns, or naming columns since removed. */
  unresolvedMisses: number;
  /** Misses whose columns a single view in today's catalog now holds. */
  coveredMisses: number;
  proposals: ViewProposal[];
  retire: RetireProposal[];
}
