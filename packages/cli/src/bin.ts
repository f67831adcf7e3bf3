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
  // Every file is written and closed by now (and `serve` has stopped its server). Leaving by
  // `process.exit` skips tearing the heap down piece by piece, which a natural exit does first: about
  // 20 ms after a command that loaded the catalog. Exit handlers still run; stdout and stderr are
  // flushed first, since on some platforms a pipe is written asynchronously.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
