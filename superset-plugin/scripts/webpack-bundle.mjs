// One webpack build of the plugin into a single file. webpack (what Superset itself builds with) and
// ts-loader are plain JavaScript: no platform-specific binaries, so `npm ci` works wherever the npm
// registry does.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` into `<outDir>/<filename>` (outDir relative to the package); returns the file's path. */
export async function bundle({ entry, outDir, filename, externals = {} }) {
  const out = join(root, outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const compiler = webpack({
    mode: 'production',
    context: root,
    entry,
    // One file: the chart component, which Superset loads lazily, is bundled in.
    output: { path: out, filename, asyncChunks: false },
    target: ['web', 'es2019'],
    devtool: false,
    performance: { hints: false },
    externalsType: 'window',
    externals,
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
  const file = join(out, filename);
  console.log(`${outDir}/${filename} built in ${((Date.now() - started) / 1000).toFixed(1)} s (${(statSync(file).size / 1024).toFixed(0)} KiB)`);
  return file;
}
