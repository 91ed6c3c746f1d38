import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@chatbi/auth';
import { CatalogRegistry } from '@chatbi/catalog';

/** The catalog as the asking user sees it: views, columns, aliases and enum values, less what their roles hide. */
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalogs: CatalogRegistry) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    const catalog = this.catalogs.current().restrictedTo(principal.roles);
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
