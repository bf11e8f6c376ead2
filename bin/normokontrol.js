#!/usr/bin/env node
'use strict';
// The CLI entry: the bundled engine in dist/cli.js (built by `npm ci` / `npm run build`), loaded
// by dist/launcher.js with its V8 code cache (server/src/cli/launcher.ts).
require('../dist/launcher.js').launch();
