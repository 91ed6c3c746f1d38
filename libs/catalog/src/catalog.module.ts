import { Global, Module } from '@nestjs/common';
import { CatalogRegistry } from './catalog.registry';

@Global()
@Module({ providers: [CatalogRegistry], exports: [CatalogRegistry] })
export class CatalogModule {}
