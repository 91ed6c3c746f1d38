import { Controller, Get } from '@nestjs/common';
import { Public } from '@chatbi/auth';
import { CatalogRegistry } from '@chatbi/catalog';

@Controller()
@Public()
export class HealthController {
  constructor(private readonly catalogs: CatalogRegistry) {}

  @Get('health')
  health() {
    const catalog = this.catalogs.current();
    return { status: 'ok', catalog: catalog.hash, views: catalog.views.length };
  }
}
