import { describe, expect, it } from 'vitest';
import { addProvider, editProvider, ProviderEditError, removeProvider, setProviderSyncEnabled } from './provider-edits.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';

const newProvider = (id: string, baseUrl: string) => ({
  id,
  name: id,
  authentication: 'API_KEY' as const,
  formats: [{ format: 'OPENAI' as const, base_url: baseUrl, default: true }],
});

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (err) {
    if (err instanceof ProviderEditError) return err.code;
    throw err;
  }
  return undefined;
};

describe('provider edits', () => {
  it('adds a provider with a new id and a new base URL', () => {
    const next = addProvider(pricedCatalog(), newProvider('my-lab', 'https://llm.example.com/v1'));
    expect(next.providers.map((p) => p.id)).toContain('my-lab');
  });

  it('refuses a base URL the catalog already has, whatever the case of the host or a trailing slash', () => {
    expect(codeOf(() => addProvider(pricedCatalog(), newProvider('groq-eu', 'https://API.groq.com/openai/v1/')))).toBe('duplicate-url');
    expect(codeOf(() => addProvider(pricedCatalog(), newProvider('groq', 'https://other.example/v1')))).toBe('duplicate-id');
  });

  it('accepts another path on a host the catalog already has: two services may share a host', () => {
    const next = addProvider(pricedCatalog(), newProvider('groq-beta', 'https://api.groq.com/beta/v1'));
    expect(next.providers).toHaveLength(pricedCatalog().providers.length + 1);
  });

  it('refuses to remove a referenced provider unless forced, then names the models no one serves', () => {
    expect(codeOf(() => removeProvider(pricedCatalog(), 'groq'))).toBe('referenced');
    const { catalog, result } = removeProvider(pricedCatalog(), 'groq', { force: true });
    expect(catalog.providers.some((p) => p.id === 'groq')).toBe(false);
    expect(catalog.overrides.some((o) => o.provider_id === 'groq')).toBe(false);
    expect(result.removed_overrides).toBeGreaterThan(0);
  });

  it('switching sync on a provider without models_api is refused; an unknown id is named', () => {
    expect(codeOf(() => setProviderSyncEnabled(pricedCatalog(), 'groq', false))).toBe('no-models-api');
    expect(codeOf(() => setProviderSyncEnabled(pricedCatalog(), 'nope', false))).toBe('unknown-provider');
  });

  it('edits fields, clears one with null, and reports an identical patch as unchanged', () => {
    const { catalog, changed } = editProvider(pricedCatalog(), 'cheapo', { name: 'Cheapo AI', website: 'https://cheapo.example' });
    expect(changed).toBe(true);
    expect(catalog.providers.find((p) => p.id === 'cheapo')).toMatchObject({ name: 'Cheapo AI', website: 'https://cheapo.example' });
    const cleared = editProvider(catalog, 'cheapo', { website: null });
    expect(cleared.provider.website).toBeUndefined();
    expect(editProvider(cleared.catalog, 'cheapo', { name: 'Cheapo AI' }).changed).toBe(false);
    expect(codeOf(() => editProvider(pricedCatalog(), 'cheapo', { api_key_env: 'lower-case' }))).toBe('invalid');
  });
});
