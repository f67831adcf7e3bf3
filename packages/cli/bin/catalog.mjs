#!/usr/bin/env node
/**
 * Starts the `catalog` CLI from a single bundled file, rebuilt whenever a source file is newer.
 *
 * Why: loading ~200 TypeScript modules through tsx's loader hooks costs about half a second per
 * process, and the nightly sync, the demo and the benchmark targets all count process start. One
 * pre-bundled ES module starts in about a tenth of that. The bundle lives in node_modules/.cache,
 * so it is never committed and never stale: the source tree's newest mtime decides.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packagesDir = join(repoRoot, 'packages');
const bundlePath = join(repoRoot, 'node_modules', '.cache', 'llm-catalog', 'catalog.mjs');

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
  mkdirSync(dirname(bundlePath), { recursive: true });
  // Several CLIs may start at once (tests, concurrent syncs): each builds its own file, then renames.
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(packagesDir, 'cli', 'src', 'bin.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Prefer packages' ES module builds: some UMD builds use dynamic require() that cannot be bundled.
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
    // The bundle lives outside the packages, so it cannot find the CLI's manifest for --version, the
    // bundled catalog (the repository's data/), nor the web UI's sources and the esbuild that bundles
    // them for `catalog serve`.
    define: {
      __LLM_CATALOG_BUNDLED_DATA_DIR__: JSON.stringify(`${join(repoRoot, 'data')}/`),
      __LLM_CATALOG_SERVE_DIR__: JSON.stringify(join(packagesDir, 'serve')),
      __LLM_CATALOG_CLI_VERSION__: JSON.stringify(
        JSON.parse(readFileSync(join(packagesDir, 'cli', 'package.json'), 'utf8')).version,
      ),
    },
  });
  renameSync(tmp, bundlePath);
}

await import(pathToFileURL(bundlePath).href);
