// tsc does not copy images; the compiled plugin imports its thumbnail from ../images (as Superset's
// plugin template does with babel --copy-files).
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const out of ['esm', 'lib']) cpSync(join(root, 'src', 'images'), join(root, out, 'images'), { recursive: true });
