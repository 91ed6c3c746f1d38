import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the plugin package's build puts the standalone panel (superset-plugin/dist/standalone),
 * found by walking up from this file so that it works from the sources and from dist/.
 */
export function defaultAskPanelDir(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'superset-plugin', 'package.json'))) return join(dir, 'superset-plugin', 'dist', 'standalone');
    if (dirname(dir) === dir) return join(start, 'superset-plugin', 'dist', 'standalone');
  }
}
