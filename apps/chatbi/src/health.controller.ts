import { Controller, Get } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';

@Controller()
export class HealthController {
  constructor(private readonly catalogs: CatalogRegistry) {}

  @Get('health')
  health() {
    const catalog = this.catalogs.current();
    return { status: 'ok', catalog: catalog.hash, views: catalog.views.length };
  }
}
