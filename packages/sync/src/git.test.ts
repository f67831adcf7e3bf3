import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertDataFilesClean,
  commitDataFiles,
  DataFilesDirtyError,
  GitError,
  HistoricalCatalogError,
  readCatalogAtRef,
} from './git.ts';
import { catalog, makeTestRepo, model, offer, provider, type TestRepo, usd } from '@llm-catalog/testkit/report';

const v1 = catalog({
  providers: [provider('alpha')],
  models: [model('m1', { pricing: { input: usd(1) } })],
  overrides: [offer('alpha', 'm1')],
});
const v2 = catalog({
  providers: [provider('alpha')],
  models: [model('m1', { pricing: { input: usd(2) } }), model('m2')],
  overrides: [offer('alpha', 'm1'), offer('alpha', 'm2')],
});

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('readCatalogAtRef', () => {
  it('reads the files at a ref without touching the work tree, and the work tree when no ref is given', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    await repo.commitCatalog(v2, 'v2', '2026-01-02');
    await repo.writeCatalog({ ...v2, models: [...v2.models, model('m3')] }, '2026-01-03');
    expect((await readCatalogAtRef(repo.dataDir, 'HEAD~1')).models.map((m) => m.id)).toEqual(['m1']);
    expect((await readCatalogAtRef(repo.dataDir, 'HEAD')).models.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect((await readCatalogAtRef(repo.dataDir, undefined)).models.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(await repo.git('status', '--porcelain')).toContain('data/models.json');
  });

  it('an unknown ref is a one-line error naming it', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    await expect(readCatalogAtRef(repo.dataDir, 'no-such-branch')).rejects.toThrow(
      new GitError('unknown git ref "no-such-branch" (no such commit, branch or tag)'),
    );
  });

  it('a data file that did not exist at the ref reads as empty', async () => {
    repo = await makeTestRepo();
    await repo.writeCatalog(v1);
    await repo.git('add', 'data/providers.json');
    await repo.git('commit', '-q', '-m', 'providers only');
    const at = await readCatalogAtRef(repo.dataDir, 'HEAD');
    expect(at.providers.map((p) => p.id)).toEqual(['alpha']);
    expect(at.models).toEqual([]);
    expect(at.overrides).toEqual([]);
  });

  it('a historical file that breaks the schema names the ref, file, entry and field', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    const bad = { version: '2026.01.02', models: [{ id: 'm1', pricing: { input: { per_million_tokens: -1, currency: 'USD' } } }] };
    await writeFile(join(repo.dataDir, 'models.json'), JSON.stringify(bad));
    await repo.git('commit', '-q', '-am', 'bad price');
    const error = await readCatalogAtRef(repo.dataDir, 'HEAD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoricalCatalogError);
    expect((error as Error).message).toContain(
      'HEAD:data/models.json: models[0] "m1": pricing.input.per_million_tokens: price must not be negative',
    );
  });

  it('a historical file with broken JSON says where', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    await writeFile(join(repo.dataDir, 'overrides.json'), '{\n  "version": "2026.01.02",\n  "overrides": [,]\n}\n');
    await repo.git('commit', '-q', '-am', 'broken');
    await expect(readCatalogAtRef(repo.dataDir, 'HEAD')).rejects.toThrow(/HEAD:data\/overrides\.json: invalid JSON at line \d+, column \d+/);
  });

  it('a data directory outside any repository, or missing, is a clear error', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'llm-catalog-nogit-'));
    try {
      await expect(readCatalogAtRef(outside, 'HEAD')).rejects.toThrow(`${outside} is not inside a git repository`);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
    await expect(readCatalogAtRef('/nonexistent/llm-catalog-data', 'HEAD')).rejects.toThrow(
      '/nonexistent/llm-catalog-data: data directory not found',
    );
  });
});

describe('commitDataFiles', () => {
  it('commits only the data files, with the message, and reports the commit', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    await writeFile(join(repo.root, 'notes.txt'), 'staged by someone else\n');
    await repo.git('add', 'notes.txt');
    await repo.writeCatalog(v2, '2026-01-02');
    const result = await commitDataFiles(repo.dataDir, 'catalog: +1 model, -0 across 1 provider\n\nalpha: +1');
    expect(result.committed).toBe(true);
    expect(result.sha).toBe((await repo.git('rev-parse', 'HEAD')).trim());
    expect(await repo.git('log', '-1', '--format=%B')).toBe('catalog: +1 model, -0 across 1 provider\n\nalpha: +1\n\n');
    expect((await repo.git('show', '--name-only', '--format=', 'HEAD')).trim().split('\n').sort()).toEqual([
      'data/models.json',
      'data/overrides.json',
    ]);
    expect(await repo.git('diff', '--cached', '--name-only')).toBe('notes.txt\n');
  });

  it('commits nothing when the data files equal HEAD', async () => {
    repo = await makeTestRepo();
    const head = await repo.commitCatalog(v1, 'v1', '2026-01-01');
    expect(await commitDataFiles(repo.dataDir, 'catalog: no changes')).toEqual({ committed: false });
    expect((await repo.git('rev-parse', 'HEAD')).trim()).toBe(head);
  });
});

describe('assertDataFilesClean', () => {
  it('passes on a clean tree and names each edited or untracked data file', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(v1, 'v1', '2026-01-01');
    await expect(assertDataFilesClean(repo.dataDir)).resolves.toBeUndefined();
    await writeFile(join(repo.root, 'README.md'), 'not a data file\n');
    await expect(assertDataFilesClean(repo.dataDir)).resolves.toBeUndefined();
    await repo.writeCatalog(v2, '2026-01-02');
    const error = await assertDataFilesClean(repo.dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFilesDirtyError);
    expect((error as DataFilesDirtyError).files).toEqual(['data/models.json', 'data/overrides.json']);
    expect((error as Error).message).toMatch(/^uncommitted changes in data\/models\.json, data\/overrides\.json; commit or discard/);
  });
});
