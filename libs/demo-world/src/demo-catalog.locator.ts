import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';

const CATALOG_RELATIVE = join('libs', 'demo-world', 'catalog');

/**
 * The YAML files are not compiled, so from dist/libs/demo-world/src they are not next to the code.
 * Walk up from here to the first folder that holds libs/demo-world/catalog (the repository root).
 */
export function locateDemoCatalogDir(start: string = __dirname): string {
  const beside = join(start, '..', 'catalog');
  if (existsSync(join(beside, 'user-activity-daily.yaml'))) return beside;
  const root = findAncestorWith(start, CATALOG_RELATIVE);
  if (root) return join(root, CATALOG_RELATIVE);
  // Not found: answer the conventional place, so loading the catalog fails with its path in the message.
  return beside;
}

/** Absolute path of the catalog the embedded app ships with the demo world. */
export const DEMO_CATALOG_DIR: string = locateDemoCatalogDir();
