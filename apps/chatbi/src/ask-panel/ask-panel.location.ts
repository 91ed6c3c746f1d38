import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';

/**
 * Where the plugin package's build puts the standalone panel (superset-plugin/dist/standalone),
 * found by walking up from this file so that it works from the sources and from dist/.
 */
export function defaultAskPanelDir(start = __dirname): string {
  const root = findAncestorWith(start, join('superset-plugin', 'package.json')) ?? start;
  return join(root, 'superset-plugin', 'dist', 'standalone');
}
