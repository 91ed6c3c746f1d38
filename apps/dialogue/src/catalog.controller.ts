import { Controller, Get, UseGuards } from '@nestjs/common';
import { TrustedProxyGuard } from '@chatbi/auth';
import { CatalogRegistry } from '@chatbi/catalog';

/** The catalog as a user or the Ask panel sees it: views, columns, aliases and enum values. */
@Controller('api/catalog')
@UseGuards(TrustedProxyGuard)
export class CatalogController {
  constructor(private readonly catalogs: CatalogRegistry) {}

  @Get()
  list() {
    const catalog = this.catalogs.current();
    return {
      hash: catalog.hash,
      views: catalog.views.map((v) => ({
        name: v.name,
        description: v.description,
        aliases: v.aliases,
        dataLatencyDays: v.dataLatencyDays,
        columns: v.columns.map((c) => ({
          name: c.name,
          kind: c.kind,
          type: c.type,
          role: c.role,
          description: c.description,
          aliases: c.aliases,
          ...(c.values.length ? { values: c.values } : {}),
          ...(c.expr ? { expr: c.expr } : {}),
        })),
      })),
    };
  }
}
