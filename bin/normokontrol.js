#!/usr/bin/env node
'use strict';
// The CLI entry: the bundled engine in dist/cli.js (built by `npm ci` / `npm run build`).
require('../dist/cli.js');
