// Images import as their file name in tests, as webpack's asset modules give a URL in the bundle.
const { basename } = require('node:path');

module.exports = {
  process(_source, filename) {
    return { code: `module.exports = ${JSON.stringify(basename(filename))};` };
  },
};
