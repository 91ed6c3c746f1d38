import { Inject, Injectable } from '@nestjs/common';
import type { AnsweredMessage, RenderedMessage, ResultColumn } from '@chatbi/contracts';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import { chartFor } from './chart.planner';

export interface CascadeRunnerOptions {
  timeoutMs: number;
  maxRows: number;
}

export const CASCADE_RUNNER_OPTIONS = Symbol('CASCADE_RUNNER_OPTIONS');

/** Executes rendered SQL on the warehouse (read-only, bounded) and shapes the answer. */
@Injectable()
export class CascadeRunnerService {
  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(CASCADE_RUNNER_OPTIONS) private readonly options: CascadeRunnerOptions,
  ) {}

  async run(message: RenderedMessage): Promise<AnsweredMessage> {
    const result = await this.warehouse.query(message.sql.text, message.sql.params, this.options);
    const roles = new Map<string, ResultColumn['role']>();
    const plan = message.plan;
    if (plan.time?.grain) roles.set(plan.time.column, 'time');
    plan.dimensions.forEach((d) => roles.set(d, 'dimension'));
    plan.metrics.forEach((m) => roles.set(m.as ?? m.column, 'metric'));
    const columns: ResultColumn[] = result.columns.map((c) => ({
      name: c.name,
      type: c.type,
      role: roles.get(c.name) ?? 'comparison',
    }));
    const warnings = [...message.warnings];
    if (result.truncated) warnings.push(`Only the first ${this.options.maxRows} rows are shown.`);
    if (result.rows.length === 0) warnings.push('The query ran but found no rows for this question.');
    return {
      ...message,
      warnings,
      columns,
      rows: result.rows,
      truncated: result.truncated,
      chart: chartFor(plan, columns, result.rows.length),
    };
  }
}
