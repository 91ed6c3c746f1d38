// Bundles the plugin as a Superset dynamic plugin (src/dynamic) into dist/superset/chatbi-ask.js.
// Superset's frontend shares its own React and @superset-ui packages as window["__superset__/<name>"]
// before it loads such a bundle, so the bundle uses those instead of copies of its own.
import { bundle } from './webpack-bundle.mjs';

const shared = ['react', 'react-dom', '@superset-ui/core', '@superset-ui/chart-controls'];
await bundle({
  entry: './src/dynamic/main.ts',
  outDir: 'dist/superset',
  filename: 'chatbi-ask.js',
  externals: Object.fromEntries(shared.map((name) => [name, `__superset__/${name}`])),
});
