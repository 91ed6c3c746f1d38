// Bundles the standalone Ask panel (src/standalone) into dist/standalone for the embedded app's page at /.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, root } from './webpack-bundle.mjs';

await bundle({ entry: './src/standalone/main.tsx', outDir: 'dist/standalone', filename: 'ask-panel.js' });
copyFileSync(join(root, 'src', 'standalone', 'index.html'), join(root, 'dist', 'standalone', 'index.html'));
