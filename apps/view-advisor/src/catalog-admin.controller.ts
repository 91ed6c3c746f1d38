import { Controller, HttpCode, Post } from '@nestjs/common';
import { CatalogAdminService } from './catalog-admin.service';

@Controller('api/admin/catalog')
export class CatalogAdminController {
  constructor(private readonly admin: CatalogAdminService) {}

  @Post('reload')
  @HttpCode(200)
  reload() {
    return this.admin.reload();
  }
}
