'use strict';
/**
 * Lets a child process run the TypeScript sources directly (node -r ./ts-register.js apps/x/src/main.ts),
 * as jest does with ts-jest: each file is transpiled on its own (no type check; `npm run typecheck`
 * does that) and @chatbi/<name> resolves to libs/<name>/src or apps/<name>/src. Transpiled files are
 * cached by content hash, so six services starting at once pay for it once.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '../../../../..');
const tsVersion = require('typescript/package.json').version;
const cacheDir = path.join(os.tmpdir(), `chatbi-ts-cache-${tsVersion}`);
// Loading the compiler takes a third of a second: only on a cache miss.
let ts;
const compiler = () => (ts ??= require('typescript'));
fs.mkdirSync(cacheDir, { recursive: true });

const compilerOptions = () => ({
  module: compiler().ModuleKind.CommonJS,
  target: compiler().ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
});

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = /^@chatbi\/([a-z0-9-]+)$/.exec(request);
  if (alias) {
    for (const base of ['libs', 'apps']) {
      const index = path.join(root, base, alias[1], 'src', 'index.ts');
      if (fs.existsSync(index)) return index;
    }
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = compiler().transpileModule(source, { fileName: filename, compilerOptions: compilerOptions() }).outputText;
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached);
  }
  module._compile(output, filename);
};
