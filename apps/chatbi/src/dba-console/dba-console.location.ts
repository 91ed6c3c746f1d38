import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';

const CONSOLE_DIR = join('apps', 'chatbi', 'src', 'dba-console');

/**
 * The console's page, script and style are plain files beside this one; tsc does not copy them to
 * dist/, so they are found by walking up to the sources, as the SQL templates are.
 */
export function defaultDbaConsoleDir(start = __dirname): string {
  const root = findAncestorWith(start, join(CONSOLE_DIR, 'dba-console.html'));
  return root ? join(root, CONSOLE_DIR) : start;
}
