/** How tests and the dev scripts (demo, bench) start the real `catalog` CLI as a child process. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The launcher `pnpm catalog` runs: it starts the CLI from a bundle rebuilt when sources change. */
export const CLI_LAUNCHER = join(REPO_ROOT, 'packages', 'cli', 'bin', 'catalog.mjs');

/** The argv that runs the CLI as `pnpm catalog` does, without pnpm's own start-up. */
export function catalogCliArgv(): string[] {
  return [process.execPath, CLI_LAUNCHER];
}
