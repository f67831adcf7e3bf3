import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { CommandContext } from './context.ts';
import { CliError } from './errors.ts';

/** The path with symlinks in its longest existing ancestor resolved, so two spellings of one place compare equal. */
function realPathOf(path: string): string {
  let existing = path;
  while (existing !== dirname(existing)) {
    try {
      return resolve(realpathSync(existing), relative(existing, path));
    } catch {
      existing = dirname(existing);
    }
  }
  return path;
}

const isInside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Resolves an output file a flag names, refusing one inside the data directory: a report or a build
 * written there would replace a data file, or sit among them as a file `validate` does not expect.
 */
export function outputPathOutsideData(ctx: CommandContext, raw: string, flag: string): string {
  const path = resolve(ctx.io.cwd, raw);
  if (isInside(ctx.dataDir, path) || isInside(realPathOf(ctx.dataDir), realPathOf(path))) {
    throw new CliError(`${flag} "${raw}" is inside the data directory ${ctx.dataDir}; write it somewhere else`);
  }
  return path;
}
