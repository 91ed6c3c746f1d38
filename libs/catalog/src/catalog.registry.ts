import { Injectable } from '@nestjs/common';
import { ChatbiError, type AccessContext } from '@chatbi/contracts';
import type { Catalog } from './catalog';

/** Holds the catalog every service reads; a catalog change swaps it in one step. */
@Injectable()
export class CatalogRegistry {
  private catalog?: Catalog;

  current(): Catalog {
    if (!this.catalog) throw new ChatbiError('CATALOG_INVALID', 'no catalog is loaded yet');
    return this.catalog;
  }

  /** The catalog as the asking user may see it: their roles' access rules applied (Catalog.restrictedTo). */
  for(access: AccessContext | undefined): Catalog {
    return this.current().restrictedTo(access?.roles ?? []);
  }

  replace(catalog: Catalog): void {
    this.catalog = catalog;
  }
}
