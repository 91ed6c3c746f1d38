import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';

const TEMPLATES = join('apps', 'sql-templater', 'src', 'templates');

/**
 * The shipped templates live beside the source (apps/sql-templater/src/templates); compiled code
 * runs from dist/, so look upwards for the repository's copy. SQL_TEMPLATES_DIR overrides it.
 */
export function defaultTemplatesDir(): string {
  const root = findAncestorWith(__dirname, TEMPLATES);
  return root ? join(root, TEMPLATES) : join(__dirname, 'templates');
}
