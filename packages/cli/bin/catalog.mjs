#!/usr/bin/env node
/**
 * Starts the `catalog` CLI from a single bundled file, rebuilt whenever a source file is newer.
 *
 * Why: loading ~200 TypeScript modules through tsx's loader hooks costs about half a second per
 * process, and the nightly sync, the demo and the benchmark targets all count process start. One
 * pre-bundled file starts in about a tenth of that. The bundle lives in node_modules/.cache,
 * so it is never committed and never stale: the source tree's newest mtime decides.
 *
 * The bundle is CommonJS, run as a script with V8's code cache: the first run after a rebuild saves
 * the compiled code beside the bundle, and later runs skip parsing and compiling it (about 30 ms of
 * every command). Node 20 keeps no code cache for an ES module.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packagesDir = join(repoRoot, 'packages');
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'llm-catalog');
const bundlePath = join(cacheDir, 'catalog.cjs');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function bundleMtime() {
  try {
    return statSync(bundlePath).mtimeMs;
  } catch {
    return -1;
  }
}

if (bundleMtime() < newestSourceMtime(packagesDir)) {
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // Several CLIs may start at once (tests, concurrent syncs): each builds its own file, then renames.
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(packagesDir, 'cli', 'src', 'bin.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Prefer packages' ES module builds: some UMD builds use dynamic require() that cannot be bundled.
    mainFields: ['module', 'main'],
    // A module that finds files beside itself by `import.meta.url` finds them beside the bundle.
    banner: { js: "const __LLM_CATALOG_BUNDLE_URL__ = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
    // The bundle lives outside the packages, so it cannot find the CLI's manifest for --version, the
    // bundled catalog (the repository's data/), nor the web UI's sources and the esbuild that bundles
    // them for `catalog serve`.
    define: {
      'import.meta.url': '__LLM_CATALOG_BUNDLE_URL__',
      __LLM_CATALOG_BUNDLED_DATA_DIR__: JSON.stringify(`${join(repoRoot, 'data')}/`),
      __LLM_CATALOG_SERVE_DIR__: JSON.stringify(join(packagesDir, 'serve')),
      __LLM_CATALOG_CLI_VERSION__: JSON.stringify(
        JSON.parse(readFileSync(join(packagesDir, 'cli', 'package.json'), 'utf8')).version,
      ),
    },
  });
  renameSync(tmp, bundlePath);
  // The compiled code of an earlier bundle is of no use to this one.
  for (const name of readdirSync(cacheDir)) if (name.endsWith('.v8cache')) rmSync(join(cacheDir, name), { force: true });
}

/**
 * Runs the bundle as Node runs a CommonJS file, from the code cache of this very bundle (named by its
 * size and mtime; V8 also refuses a cache made by another version of it or under other flags). Without
 * a usable cache, one is written when the process exits, holding every function this run compiled.
 */
function runBundle() {
  // The text and the name of its cache come from one open file: another process may rename a newer
  // bundle into place meanwhile, and V8 checks a cache against the length of the text only.
  const fd = openSync(bundlePath, 'r');
  const { size, mtimeMs } = fstatSync(fd);
  const text = readFileSync(fd, 'utf8');
  closeSync(fd);
  const cachePath = `${bundlePath}.${size}-${Math.trunc(mtimeMs)}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  // The entry's `#!` line is kept by esbuild; inside the wrapper it is no longer the first line.
  const source = text.replace(/^#!/, '//');
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      // Several CLIs may exit at once: each writes its own file, then renames. A cache that cannot be
      // written is no cache, not an error.
      const tmp = `${cachePath}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cachePath);
      } catch {
        rmSync(tmp, { force: true });
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
}

runBundle();
