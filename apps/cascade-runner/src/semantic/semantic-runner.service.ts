import { type AnsweredMessage, type CascadeOutcome, type CascadeProgress, type CascadeRow, ChatbiError, localDate, type PlanSemantic, type RenderedMessage, type SemanticOperatorReport, type SemanticProgress, type SemanticTask } from '@chatbi/contracts';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';

import { SqlTemplaterService, defaultTemplatesDir, duckdbDialect } from '@chatbi/sql-templater';
import { WAREHOUSE, type QueryResult, type Warehouse } from '@chatbi/warehouse';
import { shapeAnswer } from '../answer.shaper';
import { CASCADE_RUNNER_OPTIONS, type CascadeRunnerOptions } from '../cascade-runner.options';
import { CASCADE_EXECUTOR, type CascadeExecutor } from './cascade-executor';
import { CASCADE_JUDGES, type CascadeJudges, type Judges } from './cascade-judges';
import { reportOperator, summarizeOperator } from './semantic-operator.report';
import { SemanticProgressRegistry } from './semantic-progress.registry';
import { DEFAULT_SEMANTIC_OPTIONS, type SemanticOptions } from './semantic.options';

interface JudgedRow {
  id: string;
  texts: (string | null)[];
}

/**
 * Runs a plan with semantic operators: reads the rows they judge (row key and text, the plan's
 * filters and time range, at most maxRows), sends them through one cascade per operator in turn
 * (a filter narrows the rows the next operator sees; a classification labels them), then runs the
 * plan's own aggregate over the rows that passed, bound by their keys — once per label for a
 * classification, the label becoming a dimension of the answer.
 */
@Injectable()
export class SemanticRunnerService {
  private readonly logger = new Logger('semantic');
  private readonly templater: SqlTemplaterService;
  private readonly semanticOptions: SemanticOptions;

  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(CASCADE_RUNNER_OPTIONS) private readonly options: CascadeRunnerOptions,
    @Inject(CASCADE_JUDGES) private readonly judges: CascadeJudges,
    @Inject(CASCADE_EXECUTOR) private readonly executor: CascadeExecutor,
    private readonly catalogs: CatalogRegistry,
    private readonly progress: SemanticProgressRegistry,
  ) {
    const { dialect, templatesDir, ...semantic } = options.semantic ?? {};
    this.semanticOptions = { ...DEFAULT_SEMANTIC_OPTIONS, ...semantic };
    this.templater = new SqlTemplaterService({ dialect: dialect ?? duckdbDialect, templatesDir: templatesDir ?? defaultTemplatesDir() });
  }

  async run(message: RenderedMessage): Promise<AnsweredMessage> {
    const plan = message.plan;
    const operators = plan.semantic ?? [];
    const query = message.semantic!;
    const classify = operators.find((o): o is Extract<PlanSemantic, { op: 'ai_classify' }> => o.op === 'ai_classify');
    const labelColumn = classify ? (classify.as ?? 'label') : undefined;
    if (labelColumn && [...plan.dimensions, ...plan.metrics.map((m) => m.as ?? m.column), plan.time?.column].includes(labelColumn)) {
      throw new ChatbiError('PLAN_INVALID', `plan.semantic: the label column ${labelColumn} has the name of another column of the answer; set "as" to another name`);
    }
    const tasks = operators.map(toTask);
    // Judges first: without an oracle nothing is read.
    const judges = tasks.map((t) => this.judges.forTask(t));
    const track = (state: SemanticProgress['state'], operator: number, rowsIn: number, p?: CascadeProgress) =>
      this.progress.update({
        requestId: message.requestId,
        state,
        operator,
        operators: operators.length,
        instruction: operators[Math.min(operator, operators.length - 1)].instruction,
        rowsIn,
        rowsSeen: p?.rowsSeen ?? 0,
        rowsDecided: p?.rowsDecided ?? 0,
        oracleCalls: p?.oracleCalls ?? 0,
        oracleTokens: p?.oracleTokens ?? 0,
        undecided: p?.undecided ?? 0,
        thresholds: p?.thresholds ?? [],
      });

    try {
      track('reading', 0, 0);
      let rows = await this.readRows(message, query.keyColumn, query.textColumns);
      const reports: SemanticOperatorReport[] = [];
      const warnings = [...new Set(judges.map((j) => j.warning).filter((w): w is string => Boolean(w)))];
      let labels: Map<string, string> | undefined;
      for (let i = 0; i < operators.length; i++) {
        const started = performance.now();
        const cascadeRows: CascadeRow[] = rows.map((r) => ({ id: r.id, text: r.texts[i] }));
        track('judging', i, cascadeRows.length);
        const outcome = await this.judge(cascadeRows, tasks[i], judges[i], message.requestId, (p) => track('judging', i, cascadeRows.length, p));
        const report = reportOperator(operators[i], outcome, this.optionsFor(judges[i]).algorithm, performance.now() - started);
        reports.push(report);
        warnings.push(summarizeOperator(report));
        const verdicts = new Map(outcome.decisions.map((d) => [d.id, d.verdict]));
        if (operators[i].op === 'ai_filter') {
          rows = rows.filter((r) => verdicts.get(r.id) === true);
        } else {
          labels = new Map();
          for (const r of rows) {
            const v = verdicts.get(r.id);
            if (typeof v === 'string') labels.set(r.id, v);
          }
          rows = rows.filter((r) => labels!.has(r.id));
        }
      }
      // The counts stay those of the last cascade while the aggregate runs: progress never goes back.
      const judged = reports[reports.length - 1];
      track('aggregating', operators.length - 1, rows.length, judged && {
        rowsSeen: judged.rowsIn,
        rowsDecided: judged.rowsIn - judged.undecided,
        oracleCalls: judged.oracleCalls,
        oracleTokens: judged.oracleTokens,
        undecided: judged.undecided,
        thresholds: judged.thresholds,
      });
      const answer = await this.aggregate(message, rows, classify, labelColumn, labels, warnings);
      track('done', operators.length - 1, rows.length, {
        rowsSeen: reports.reduce((n, r) => n + r.rowsIn, 0),
        rowsDecided: reports.reduce((n, r) => n + r.rowsIn - r.undecided, 0),
        oracleCalls: reports.reduce((n, r) => n + r.oracleCalls, 0),
        oracleTokens: reports.reduce((n, r) => n + r.oracleTokens, 0),
        undecided: reports.reduce((n, r) => n + r.undecided, 0),
        thresholds: reports[reports.length - 1]?.thresholds ?? [],
      });
      return { ...answer, semanticReport: reports };
    } catch (error) {
      track('failed', 0, 0);
      throw error;
    }
  }

  /** The rows the operators judge, at most maxRows of them: more is refused before any is judged. */
  private async readRows(message: RenderedMessage, keyColumn: string, textColumns: string[]): Promise<JudgedRow[]> {
    const limit = this.semanticOptions.maxRows;
    const rows: JudgedRow[] = [];
    for await (const row of this.warehouse.stream(message.sql.text, message.sql.params, { timeoutMs: this.options.timeoutMs, maxRows: limit + 1 })) {
      if (rows.length === limit) {
        throw new ChatbiError(
          'TOO_MANY_ROWS',
          `More than ${limit} rows would have to be judged one by one for this question; that is the limit (CHATBI_SEMANTIC_MAX_ROWS). Narrow the time range or add filters (an app, a channel, a day).`,
          { limit },
        );
      }
      const key = row[keyColumn];
      if (key === null || key === undefined) continue; // a row without a key cannot be named afterwards
      rows.push({ id: String(key), texts: textColumns.map((c) => textOf(row[c])) });
    }
    return rows;
  }

  /** One operator's cascade; on time-out or failure the rows stay undecided and the answer still comes. */
  private async judge(rows: CascadeRow[], task: SemanticTask, judges: Judges, requestId: string, onProgress: (p: CascadeProgress) => void): Promise<CascadeOutcome> {
    const options = this.optionsFor(judges);
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      return await this.executor.run(rows, { jobId: randomUUID(), requestId, task, judges, options, signal, onProgress });
    } catch (error) {
      if (error instanceof ChatbiError) throw error;
      const reason = signal.aborted ? `the cascade timed out after ${Math.round(options.timeoutMs / 1000)} s` : 'the cascade failed';
      this.logger.warn(`${requestId}: ${reason}: ${(error as Error).message}`);
      return {
        rowsSeen: rows.length,
        rowsDecided: 0,
        oracleCalls: 0,
        oracleTokens: judges.oracle.tokensUsed(),
        undecided: rows.length,
        thresholds: [],
        decisions: rows.map((r) => ({ id: r.id, verdict: null, by: 'undecided', reason })),
        algorithm: options.algorithm.kind,
        proxy: judges.proxy(0).name,
        oracle: judges.oracle.name,
        partitions: options.partitions,
      };
    }
  }

  private optionsFor(judges: Judges): SemanticOptions {
    return judges.algorithm ? { ...this.semanticOptions, algorithm: judges.algorithm } : this.semanticOptions;
  }

  private async aggregate(
    message: RenderedMessage,
    rows: JudgedRow[],
    classify: Extract<PlanSemantic, { op: 'ai_classify' }> | undefined,
    labelColumn: string | undefined,
    labels: Map<string, string> | undefined,
    warnings: string[],
  ): Promise<AnsweredMessage> {
    const catalog = this.catalogs.for(message.access);
    const attributes = message.access?.attributes;
    const today = localDate(new Date(message.askedAt));
    const bounds = { timeoutMs: this.options.timeoutMs, maxRows: this.options.maxRows };
    if (!classify || !labels || !labelColumn) {
      const { sql } = this.templater.renderOverRows(message.plan, catalog, today, rows.map((r) => r.id), attributes);
      const result = await this.warehouse.query(sql.text, sql.params, bounds);
      return shapeAnswer({ ...message, sql }, result, this.options.maxRows, { warnings });
    }
    let combined: QueryResult | undefined;
    let firstSql = message.sql;
    for (const label of classify.labels) {
      const keys = rows.filter((r) => labels.get(r.id) === label).map((r) => r.id);
      const { sql } = this.templater.renderOverRows(message.plan, catalog, today, keys, attributes);
      if (!combined) firstSql = sql;
      const result = await this.warehouse.query(sql.text, sql.params, bounds);
      const labelled = result.rows.map((row) => ({ [labelColumn]: label, ...row }));
      combined = combined
        ? { ...combined, rows: [...combined.rows, ...labelled], truncated: combined.truncated || result.truncated }
        : { ...result, columns: [{ name: labelColumn, type: 'VARCHAR' }, ...result.columns], rows: labelled };
    }
    return shapeAnswer({ ...message, sql: firstSql }, combined!, this.options.maxRows, { dimensions: [labelColumn], warnings });
  }
}

function toTask(op: PlanSemantic): SemanticTask {
  return op.op === 'ai_filter' ? { kind: 'filter', instruction: op.instruction } : { kind: 'classify', instruction: op.instruction, labels: op.labels };
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
