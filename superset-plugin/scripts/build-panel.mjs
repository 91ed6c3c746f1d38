// Bundles the standalone Ask panel (src/standalone) into dist/standalone for the embedded app's
// page at /. webpack (what Superset itself builds with) and ts-loader are plain JavaScript: no
// platform-specific binaries, so `npm ci` works wherever the npm registry does.
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'standalone');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = Date.now();
const compiler = webpack({
  mode: 'production',
  context: root,
  entry: './src/standalone/main.tsx',
  // One file: the chart component, which Superset loads lazily, is bundled in.
  output: { path: out, filename: 'ask-panel.js', asyncChunks: false },
  target: ['web', 'es2019'],
  devtool: false,
  performance: { hints: false },
  resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'] },
  module: {
    rules: [
      { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: 'tsconfig.build.json', compilerOptions: { module: 'es2020', noEmit: false, declaration: false, declarationMap: false, sourceMap: false } } } },
      { test: /\.png$/, type: 'asset/inline' },
      // Packages such as react-markdown's dependencies ship ESM without file extensions in imports.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  optimization: { splitChunks: false, runtimeChunk: false },
});

const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
await new Promise((resolve) => compiler.close(resolve));
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true, errorDetails: true }));
  process.exit(1);
}
copyFileSync(join(root, 'src', 'standalone', 'index.html'), join(out, 'index.html'));
const kb = (statSync(join(out, 'ask-panel.js')).size / 1024).toFixed(0);
console.log(`Ask panel built in ${((Date.now() - started) / 1000).toFixed(1)} s: dist/standalone/ask-panel.js (${kb} KiB)`);
