#!/usr/bin/env node
'use strict';
// Launcher of the CLI built by `npm run build` (npm ci runs it through the "prepare" script).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'app', 'dist', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    `deposit-assistant: the CLI has not been built yet (${cli} is missing).\n` +
      'Run `npm ci` (which builds it) or `npm run build` in the project folder, then try again.\n',
  );
  process.exit(1);
}
require(cli);
