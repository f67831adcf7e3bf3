import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyEnvOf, readCatalog } from '@llm-catalog/catalog';
import { REPO_ROOT } from '@llm-catalog/testkit/repo';
import { fixtureRoutePath, PROVIDER_FIXTURES } from '@llm-catalog/testkit/fixtures';
import { prepareDemoData } from './prepare-data.ts';

const REPO_DATA = join(REPO_ROOT, 'data');
const MOCK = 'http://127.0.0.1:9';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('demo data copy', () => {
  it('points every fixture provider at the mock and switches off every other list-models API', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-demo-test-'));
    const target = join(root, 'data');
    const demo = await prepareDemoData(REPO_DATA, target, PROVIDER_FIXTURES, MOCK);
    const { catalog } = await readCatalog(target);
    const enabled = catalog.providers.filter((p) => p.models_api?.enabled);
    expect(enabled.map((p) => p.id).sort()).toEqual(PROVIDER_FIXTURES.map((f) => f.providerId).sort());
    for (const fixture of PROVIDER_FIXTURES) {
      const provider = catalog.providers.find((p) => p.id === fixture.providerId);
      expect(provider?.models_api?.endpoints).toHaveLength(1);
      expect(provider?.models_api?.endpoints[0]?.url).toBe(`${MOCK}${fixtureRoutePath(fixture)}`);
      expect(provider?.models_api?.endpoints[0]?.transformer).toBe(fixture.transformer);
    }
    const anthropic = catalog.providers.find((p) => p.id === 'anthropic');
    expect(anthropic?.models_api?.endpoints[0]?.headers).toEqual({ 'anthropic-version': '2023-06-01' });
    const keyVars = demo.providers.flatMap((p) => keyEnvOf(p) ?? []);
    expect(keyVars.length).toBeGreaterThan(0);
    for (const envVar of keyVars) expect(demo.env[envVar]).toMatch(/^demo-key-/);
  });

  it('leaves the source data directory byte-identical', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-demo-test-'));
    const files = ['providers.json', 'models.json', 'overrides.json'];
    const before = await Promise.all(files.map((f) => readFile(join(REPO_DATA, f), 'utf8')));
    await prepareDemoData(REPO_DATA, join(root, 'data'), PROVIDER_FIXTURES, MOCK);
    const after = await Promise.all(files.map((f) => readFile(join(REPO_DATA, f), 'utf8')));
    expect(after).toEqual(before);
  });

  it('refuses fixtures for providers the catalog does not have', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-demo-test-'));
    const ghost = { providerId: 'no-such-provider', upstreamPath: '/v1/models', transformer: 'openai' as const, pages: [] };
    await expect(prepareDemoData(REPO_DATA, join(root, 'data'), [ghost], MOCK)).rejects.toThrow(/no-such-provider/);
  });
});
