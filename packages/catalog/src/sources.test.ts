import { describe, expect, it } from 'vitest';
import type { Catalog } from './io/read.ts';
import { bandOf, bandOfPriority, outranks, seedOf, SOURCE_BANDS } from './sources.ts';

const provider = (id: string, source?: string) => ({
  id,
  name: id,
  authentication: 'API_KEY' as const,
  formats: [{ format: 'OPENAI' as const, base_url: `https://${id}.example/v1`, default: true }],
  ...(source ? { metadata: { source } } : {}),
});

describe('source bands', () => {
  it("puts the provider's own list above models.dev above LiteLLM, all below a person", () => {
    expect(bandOf('litellm')).toBeLessThan(bandOf('models.dev'));
    expect(bandOf('models.dev')).toBeLessThan(bandOf('groq'));
    expect(bandOf('openrouter')).toBe(SOURCE_BANDS.provider);
    expect(bandOf('groq')).toBeLessThan(100);
  });

  it('reads a priority as the band it falls in; below the lowest band is the provider band', () => {
    expect([0, 9, 10, 19, 20, 49, 50, 99].map(bandOfPriority)).toEqual([50, 50, 10, 10, 20, 20, 50, 50]);
    expect(bandOfPriority(100)).toBeUndefined();
  });

  it('orders base-fact sources totally: aggregators, reference catalogs, then providers by id', () => {
    expect(outranks('openrouter', 'models.dev')).toBe(true);
    expect(outranks('models.dev', 'openrouter')).toBe(false);
    expect(outranks('litellm', 'groq')).toBe(true);
    expect(outranks('anthropic', 'groq')).toBe(true);
    expect(outranks('groq', 'anthropic')).toBe(false);
    expect(outranks('groq', 'groq')).toBe(true);
  });
});

describe('seedOf', () => {
  it("keeps what a person wrote and drops what sources wrote", () => {
    const catalog: Catalog = {
      providers: [provider('openai'), provider('abacus', 'models.dev')],
      models: [
        { id: 'mine' },
        { id: 'pinned', metadata: { source: 'openai' } },
        { id: 'synced', metadata: { source: 'openai' } },
      ],
      overrides: [
        { provider_id: 'openai', model_id: 'synced', priority: 50 },
        { provider_id: 'openai', model_id: 'pinned', priority: 100, reason: 'negotiated' },
      ],
    };
    const seed = seedOf(catalog);
    expect(seed.providers.map((p) => p.id)).toEqual(['openai']);
    expect(seed.models.map((m) => m.id)).toEqual(['mine', 'pinned']);
    expect(seed.overrides).toEqual([catalog.overrides[1]]);
  });
});
