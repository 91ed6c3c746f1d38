import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, RequireScope, type Principal } from '@chatbi/auth';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogEditorService } from './catalog-editor.service';

/** The DBA's catalog endpoints: the admin scope (a token with it, the admin token, or this machine while no credentials are configured). */
@Controller('api/admin/catalog')
@RequireScope('admin')
export class CatalogAdminController {
  constructor(
    private readonly admin: CatalogAdminService,
    private readonly editor: CatalogEditorService,
  ) {}

  @Post('reload')
  @HttpCode(200)
  reload() {
    return this.admin.reload();
  }

  @Get('files')
  files() {
    return this.editor.files();
  }

  @Get('files/:name')
  file(@Param('name') name: string) {
    return this.editor.read(name);
  }

  /** Checks one file's new text against the whole catalog; writes nothing. */
  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: unknown) {
    return this.editor.validate(body);
  }

  /** Writes one file (the old one kept under .backups/) and reloads; refused, writing nothing, when invalid. */
  @Post('apply')
  @HttpCode(200)
  apply(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.editor.apply(body, principal);
  }

  /** Removes one file and its views (kept under .backups/); refused when the rest does not load. */
  @Post('remove')
  @HttpCode(200)
  remove(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.editor.remove(body, principal);
  }
}
