/** How the dev scripts (demo, bench) start the real `catalog` CLI as a child process. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(REPO_ROOT, 'packages', 'cli', 'src', 'bin.ts');

/**
 * The argv that runs the CLI as `pnpm catalog` does (tsx's launcher on bin.ts), without pnpm's own
 * start-up. Run through this Node binary, so no shell or PATH lookup is involved.
 */
export async function catalogCliArgv(): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.tsx;
  if (!bin) throw new Error(`no tsx launcher named in ${manifestPath}`);
  return [process.execPath, join(dirname(manifestPath), bin), CLI_ENTRY];
}
