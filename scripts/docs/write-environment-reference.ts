import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withEnvironmentTable } from './environment-reference';

/** `npm run docs:env`: rewrites the environment table of docs/operations.md from the config schemas. */
const file = join(__dirname, '..', '..', 'docs', 'operations.md');
writeFileSync(file, withEnvironmentTable(readFileSync(file, 'utf8')));
process.stdout.write(`${file}: environment table rewritten\n`);
