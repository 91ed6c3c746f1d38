import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The nearest folder at or above start that holds relative. Files that are not compiled (templates,
 * YAML, .proto, scripts) are found this way from the sources and from the compiled copy in dist/.
 */
export function findAncestorWith(start: string, relative: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
