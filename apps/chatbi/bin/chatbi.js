#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.resolve(__dirname, '../../../dist/apps/chatbi/src/main.js');
if (!fs.existsSync(entry)) {
  console.error('chatbi is not built yet: run `npm run build` in the repository root first.');
  process.exit(1);
}
require(entry);
