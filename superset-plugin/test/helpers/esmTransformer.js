// @superset-ui/core and parts of its dependency tree (react-markdown's unified ecosystem, d3) ship
// ES modules only. Jest runs CommonJS, so those files are transpiled with TypeScript; files that
// are CommonJS already are passed through untouched, which keeps a cold run short.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;

module.exports = {
  process(source, filename) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const { outputText } = ts.transpileModule(source, {
      // TypeScript keeps .mjs files as ES modules whatever the target module kind; name them .js.
      fileName: filename.replace(/\.mjs$/, '.js'),
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(`esm-transformer-1\0${ts.version}\0${filename}\0${source}`).digest('hex');
  },
};
