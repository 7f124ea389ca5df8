#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm install builds it into dist/).
import { main } from '../dist/src/cli/main.js';

process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
