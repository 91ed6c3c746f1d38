import { randomUUID } from 'node:crypto';
import { ChatbiError, type AskResponse, type ErrorCode } from '@chatbi/contracts';
import type { AskService } from '@chatbi/dialogue';
import type { Warehouse } from '@chatbi/warehouse';
import type { BenchCase, BenchDialogue } from './bench-datasets';
import { resultsMatch } from './result-match';

/** Errors that are the tool deciding not to answer (the right outcome for a `refuse` case), not failures. */
export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'NO_METRIC_FOUND',
  'NO_VIEW_COVERS',
  'NEEDS_CLARIFICATION',
  'UNANSWERABLE',
  'FOLLOW_UP_WITHOUT_CONTEXT',
]);

const GOLD_OPTIONS = { timeoutMs: 60_000, maxRows: 100_000 };

export interface CaseOutcome {
  id: string;
  language: string;
  kind: string;
  expect: 'answer' | 'refuse';
  question: string;
  match: boolean;
  /** The error the tool answered with, when it did not answer. */
  error?: string;
  errorMessage?: string;
  /** The gold query failed: the case is left out of the score. */
  goldError?: string;
  /** The answer's request id: what the pipeline's messages for this question carry. */
  requestId?: string;
  resolvedQuestion?: string;
  view?: string;
  plan?: unknown;
  rows?: number;
  goldRows?: number;
  /** Words of the question the planner did not use, and the answer's warnings. */
  unused?: string[];
  warnings?: string[];
}

/** Asks cases against one running pipeline on one day, comparing each answer with its gold query run on the same warehouse. */
export class CaseRunner {
  constructor(
    private readonly ask: AskService,
    private readonly warehouse: Warehouse,
    /** The day the pipeline's clock reads: the gold's current_date. */
    private readonly today: string,
  ) {}

  async single(c: BenchCase): Promise<CaseOutcome> {
    return this.run(c, randomUUID());
  }

  async dialogue(d: BenchDialogue): Promise<CaseOutcome[]> {
    const sessionId = randomUUID();
    const out: CaseOutcome[] = [];
    for (const turn of d.turns) out.push(await this.run(turn, sessionId));
    return out;
  }

  private async run(c: BenchCase, sessionId: string): Promise<CaseOutcome> {
    const outcome: CaseOutcome = { id: c.id, language: c.language, kind: c.kind, expect: c.expect, question: c.question, match: false };
    let gold;
    if (c.goldSql) {
      try {
        gold = await this.warehouse.query(onDay(c.goldSql, this.today), [], GOLD_OPTIONS);
      } catch (error) {
        outcome.goldError = error instanceof Error ? error.message : String(error);
      }
    }
    let answer: AskResponse | undefined;
    try {
      answer = await this.ask.ask({ question: c.question, sessionId });
    } catch (error) {
      outcome.error = error instanceof ChatbiError ? error.code : String(error);
      outcome.errorMessage = error instanceof Error ? error.message : undefined;
    }
    if (answer) {
      outcome.requestId = answer.requestId;
      outcome.resolvedQuestion = answer.resolvedQuestion;
      outcome.view = answer.view;
      outcome.plan = answer.plan;
      outcome.rows = answer.rows.length;
      outcome.unused = answer.planner.unusedWords;
      outcome.warnings = answer.warnings;
    }
    if (c.expect === 'refuse') {
      outcome.match = !answer && outcome.error !== undefined && REFUSAL_CODES.has(outcome.error as ErrorCode);
    } else if (answer && gold) {
      outcome.goldRows = gold.rows.length;
      outcome.match = resultsMatch(
        { columns: answer.columns.map((col) => col.name), rows: answer.rows },
        { columns: gold.columns.map((col) => col.name), rows: gold.rows },
      );
    }
    return outcome;
  }
}

/** The gold query as if run on `today`: its current_date (and today()) read that day. */
export function onDay(sql: string, today: string): string {
  return sql.replace(/\bcurrent_date\b|\btoday\(\)/gi, `DATE '${today}'`);
}
