import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const CATALOG_RELATIVE = join('libs', 'demo-world', 'catalog');

/**
 * The YAML files are not compiled, so from dist/libs/demo-world/src they are not next to the code.
 * Walk up from here to the first folder that holds libs/demo-world/catalog (the repository root).
 */
export function locateDemoCatalogDir(start: string = __dirname): string {
  const beside = join(start, '..', 'catalog');
  if (existsSync(join(beside, 'user-activity-daily.yaml'))) return beside;
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, CATALOG_RELATIVE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  // Not found: answer the conventional place, so loading the catalog fails with its path in the message.
  return beside;
}

/** Absolute path of the catalog the embedded app ships with the demo world. */
export const DEMO_CATALOG_DIR: string = locateDemoCatalogDir();
