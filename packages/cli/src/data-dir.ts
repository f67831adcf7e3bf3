import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BUNDLED_DATA_DIR } from '@llm-catalog/catalog';

/** How the data directory was chosen, in the order they are tried. */
export type DataDirSource = 'flag' | 'env' | 'nearest' | 'bundled';

export interface DataDirChoice {
  dir: string;
  source: DataDirSource;
}

const SOURCE_LABELS: Record<DataDirSource, string> = {
  flag: 'from --data',
  env: 'from CATALOG_DATA_DIR',
  nearest: 'the nearest data/ above the working directory',
  bundled: 'the catalog bundled with the package',
};

export const describeDataDirSource = (source: DataDirSource): string => SOURCE_LABELS[source];

/** The nearest `data/` directory holding providers.json in `cwd` or one of its parents. */
export function findNearestDataDir(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'providers.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Picks the data directory: `--data`, then `$CATALOG_DATA_DIR` (an empty value means unset), then the
 * nearest `data/` walking up from `cwd`, then, only when `allowBundled`, the bundled catalog.
 * Undefined when nothing qualifies; the caller says what was tried.
 */
export function chooseDataDir(options: {
  flag: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  allowBundled: boolean;
}): DataDirChoice | undefined {
  if (options.flag) return { dir: resolve(options.cwd, options.flag), source: 'flag' };
  const fromEnv = options.env.CATALOG_DATA_DIR;
  if (fromEnv) return { dir: resolve(options.cwd, fromEnv), source: 'env' };
  const nearest = findNearestDataDir(options.cwd);
  if (nearest) return { dir: nearest, source: 'nearest' };
  return options.allowBundled ? { dir: BUNDLED_DATA_DIR, source: 'bundled' } : undefined;
}
