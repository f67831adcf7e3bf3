#!/usr/bin/env node
import { basename } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { runCli } from './program.ts';

// `catalog ... | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Keys may live in .env; the real environment wins over it.
loadDotenv({ quiet: true });

// No top-level await: the launcher bundles this file as CommonJS, which V8 can cache compiled.
void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  // `catalog.mjs` from the repository's launcher, `llm-catalog` from the installed package.
  programName: basename(process.argv[1] ?? 'catalog').replace(/\.[cm]?js$/, ''),
}).then((code) => {
  process.exitCode = code;
});
