import { Inject, Injectable } from '@nestjs/common';
import type { AnsweredMessage, RenderedMessage } from '@chatbi/contracts';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import { shapeAnswer } from './answer.shaper';
import { CASCADE_RUNNER_OPTIONS, type CascadeRunnerOptions } from './cascade-runner.options';
import { SemanticRunnerService } from './semantic/semantic-runner.service';

export { CASCADE_RUNNER_OPTIONS, type CascadeRunnerOptions } from './cascade-runner.options';

/** Executes rendered SQL on the warehouse (read-only, bounded) and shapes the answer; semantic plans go through their cascade. */
@Injectable()
export class CascadeRunnerService {
  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(CASCADE_RUNNER_OPTIONS) private readonly options: CascadeRunnerOptions,
    private readonly semantic: SemanticRunnerService,
  ) {}

  async run(message: RenderedMessage): Promise<AnsweredMessage> {
    if (message.semantic && message.plan.semantic?.length) return this.semantic.run(message);
    const [result, total] = await Promise.all([
      this.warehouse.query(message.sql.text, message.sql.params, this.options),
      message.totalSql ? this.warehouse.query(message.totalSql.text, message.totalSql.params, this.options) : undefined,
    ]);
    const answer = shapeAnswer(message, result, this.options.maxRows);
    return total?.rows[0] ? { ...answer, total: total.rows[0] } : answer;
  }
}
