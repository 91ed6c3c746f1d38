import type { SqlDialectRules } from '@chatbi/sql-templater';
import type { SemanticOptions } from './semantic/semantic.options';

export interface CascadeRunnerOptions {
  timeoutMs: number;
  maxRows: number;
  /** Semantic operators: how they run, and the templates that aggregate over the rows they let through. */
  semantic?: Partial<SemanticOptions> & { dialect?: SqlDialectRules; templatesDir?: string };
}

export const CASCADE_RUNNER_OPTIONS = Symbol('CASCADE_RUNNER_OPTIONS');
