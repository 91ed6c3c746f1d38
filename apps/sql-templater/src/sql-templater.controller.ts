import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CatalogRegistry } from '@chatbi/catalog';
import { TOPICS, localDate, type PlannedMessage, type RenderedMessage } from '@chatbi/contracts';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { SqlTemplaterService } from './sql-templater.service';


@Controller()
export class SqlTemplaterController {
  constructor(
    private readonly templater: SqlTemplaterService,
    private readonly catalogs: CatalogRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @EventPattern(TOPICS.planned)
  async onPlanned(@Payload() message: PlannedMessage): Promise<void> {
    await runStage(this.bus, 'sql-templater', message, TOPICS.rendered, async (m): Promise<RenderedMessage> => {
      const { sql, semantic, model, total } = this.templater.render(m.plan, this.catalogs.for(m.access), localDate(new Date(m.askedAt)), m.access?.attributes);
      const outputs = model.outputColumns.map(({ name, role, additive }) => ({ name, role, ...(additive === undefined ? {} : { additive }) }));
      return { ...m, sql, outputs, ...(semantic ? { semantic } : {}), ...(total ? { totalSql: total } : {}) };
    });
  }
}
