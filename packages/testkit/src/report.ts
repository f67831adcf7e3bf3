/**
 * Builders for the report and git tests (small valid catalog entries, a throwaway git repository).
 * Reached by tests through `@llm-catalog/sync/report-testing`; not part of the package's API.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Catalog,
  type DataFileKind,
  type DataFileState,
  type Model,
  type Override,
  type Provider,
  readCatalog,
  writeCatalog,
} from '@llm-catalog/catalog';
import { hostedProvider } from './builders.ts';

export const provider = (id: string, extra: Partial<Provider> = {}): Provider => hostedProvider(id, `https://api.${id}.example/v1`, extra);

export function model(id: string, extra: Partial<Model> = {}): Model {
  return { id, ...extra } as Model;
}

/** An auto override (priority 0) unless `extra.priority` says otherwise. */
export function offer(providerId: string, modelId: string, extra: Partial<Override> = {}): Override {
  return { provider_id: providerId, model_id: modelId, priority: 0, ...extra };
}

export { usd } from './builders.ts';

export function catalog(parts: Partial<Catalog>): Catalog {
  return { providers: [], models: [], overrides: [], ...parts };
}

/** A deep copy to edit into the "after" side of a comparison. */
export const clone = (c: Catalog): Catalog => structuredClone(c);

/** A throwaway git repository whose `data/` directory holds the catalog files. */
export interface TestRepo {
  root: string;
  dataDir: string;
  git: (...args: string[]) => Promise<string>;
  /** Writes the catalog in canonical form (like a sync would) and commits it; returns the commit id. */
  commitCatalog: (catalog: Catalog, message: string, date: string) => Promise<string>;
  /** Writes the catalog without committing it. */
  writeCatalog: (catalog: Catalog, date?: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

export async function makeTestRepo(): Promise<TestRepo> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'llm-catalog-git-')));
  const dataDir = join(root, 'data');
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (...args: string[]) =>
    new Promise<string>((resolvePromise, reject) => {
      execFile('git', args, { cwd: root, env, encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolvePromise(stdout),
      );
    });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Catalog Test');
  await git('config', 'user.email', 'test@example.invalid');
  await git('config', 'commit.gpgsign', 'false');
  const files: Partial<Record<DataFileKind, DataFileState>> = {};
  const write = async (c: Catalog, date = '2026-01-01') => {
    await writeCatalog(dataDir, c, files, new Date(`${date}T12:00:00Z`));
    Object.assign(files, (await readCatalog(dataDir)).files);
  };
  return {
    root,
    dataDir,
    git,
    writeCatalog: write,
    commitCatalog: async (c, message, date) => {
      await write(c, date);
      await git('add', 'data');
      const stamp = `${date}T12:00:00Z`;
      await new Promise<void>((resolvePromise, reject) => {
        execFile(
          'git',
          ['commit', '-q', '--allow-empty', '-m', message],
          { cwd: root, env: { ...env, GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp } },
          (error, _stdout, stderr) => (error ? reject(new Error(`git commit: ${stderr}`)) : resolvePromise()),
        );
      });
      return (await git('rev-parse', 'HEAD')).trim();
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
