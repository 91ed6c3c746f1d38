import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The shipped templates live beside the source (apps/sql-templater/src/templates); compiled code
 * runs from dist/, so look upwards for the repository's copy. SQL_TEMPLATES_DIR overrides it.
 */
export function defaultTemplatesDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'apps', 'sql-templater', 'src', 'templates');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(__dirname, 'templates');
    dir = parent;
  }
}
