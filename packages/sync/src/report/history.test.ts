import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildModelHistory } from './history.ts';
import { renderModelHistory } from './render-history.ts';
import { catalog, makeTestRepo, model, offer, provider, type TestRepo, usd } from '@llm-catalog/testkit/report';

const at = (input: number, extra: Parameters<typeof offer>[2] = {}) =>
  catalog({
    providers: [provider('alpha')],
    models: [model('m1', { context_window: 8192, pricing: { input: usd(input) } }), model('other')],
    overrides: [offer('alpha', 'm1', extra), offer('alpha', 'other')],
  });

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('buildModelHistory', () => {
  it('keeps one entry per change, oldest first, and reads each commit that touched the data files', async () => {
    repo = await makeTestRepo();
    const c1 = await repo.commitCatalog(at(1), 'one', '2026-01-01');
    await repo.commitCatalog({ ...at(1), models: [...at(1).models, model('unrelated')] }, 'unrelated model', '2026-01-02');
    const c3 = await repo.commitCatalog(at(1, { limits: { context_window: 4096 } }), 'shrink', '2026-01-03');
    const c4 = await repo.commitCatalog(at(1, { disabled: true, priority: 100, reason: 'gone' }), 'disable', '2026-01-04');
    const history = await buildModelHistory(repo.dataDir, 'alpha', 'm1');
    expect(history.commits_read).toBe(4);
    expect(history.entries.map((e) => [e.sha, e.limits?.context_window, e.disabled ?? false])).toEqual([
      [c1, 8192, false],
      [c3, 4096, false],
      [c4, 8192, true],
    ]);
    expect(history.skipped).toEqual([]);
  });

  it('skips a commit whose files do not match today\'s schema and says so', async () => {
    repo = await makeTestRepo();
    const c1 = await repo.commitCatalog(at(1), 'one', '2026-01-01');
    await writeFile(join(repo.dataDir, 'models.json'), '{"version":"2026.01.02","models":[{"id":"m1","context_window":0}]}\n');
    await repo.git('commit', '-q', '-am', 'broken by hand');
    const bad = (await repo.git('rev-parse', 'HEAD')).trim();
    const c3 = await repo.commitCatalog(at(2), 'two', '2026-01-03');
    const history = await buildModelHistory(repo.dataDir, 'alpha', 'm1');
    expect(history.entries.map((e) => [e.sha, e.prices?.input?.amount])).toEqual([
      [c1, 1],
      [c3, 2],
    ]);
    expect(history.skipped.map((s) => s.sha)).toEqual([bad]);
    expect(history.skipped[0]?.error).toContain('models[0] "m1": context_window: must be > 0');
    expect(renderModelHistory(history)).toContain("(1 commit(s) skipped: their data files do not match today's schema)");
  });

  it('finds a model by the provider\'s own spelling', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(at(1, { provider_model_id: 'Vendor/M1' }), 'one', '2026-01-01');
    const history = await buildModelHistory(repo.dataDir, 'alpha', 'Vendor/M1');
    expect(history.entries.map((e) => e.prices?.input?.amount)).toEqual([1]);
  });
});
