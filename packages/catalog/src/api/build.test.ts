import { describe, expect, it } from 'vitest';
import { compareKeys, stableJson } from '../canonical.ts';
import { buildResolvedCatalog } from './build.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';

describe('buildResolvedCatalog', () => {
  const built = buildResolvedCatalog(pricedCatalog(), '2026.02.03');

  it('lists each provider with the models it serves, overrides applied', () => {
    expect(built.version).toBe('2026.02.03');
    expect(Object.keys(built.providers)).toEqual(['cheapo', 'groq', 'local', 'openai', 'openrouter', 'yuan']);
    expect(Object.keys(built.providers.openai?.models ?? {})).toEqual(['embed-small', 'gpt-4-turbo', 'gpt-4o']);
    const viaOpenRouter = built.providers.openrouter?.models['gpt-4o'];
    expect(viaOpenRouter?.provider_model_id).toBe('openai/gpt-4o');
    expect(viaOpenRouter?.pricing).toEqual({
      input: { per_million_tokens: 2.75, currency: 'USD' },
      output: { per_million_tokens: 10, currency: 'USD' },
      cache_read: { per_million_tokens: 1.25, currency: 'USD' },
    });
  });

  it('keeps disabled offerings, flagged, with their replacement', () => {
    expect(built.providers.openai?.models['gpt-4-turbo']).toMatchObject({
      disabled: true,
      reason: 'retired from the API',
      replace_with: 'gpt-4o',
    });
  });

  it('names the key variable of every provider that needs one, and none for keyless servers', () => {
    expect(built.providers.openai?.api_key_env).toBe('OPENAI_API_KEY');
    expect(built.providers.groq?.api_key_env).toBe('GROQ_API_KEY');
    expect(built.providers.local?.api_key_env).toBeUndefined();
  });

  it('leaves out merge bookkeeping', () => {
    const gpt = built.providers.openai?.models['gpt-4o'];
    expect(gpt?.metadata).toEqual({ source: 'openai' });
    expect(gpt).not.toHaveProperty('provider_id');
  });

  it('is byte-identical whatever order the data comes in', () => {
    const shuffled = pricedCatalog();
    shuffled.providers.reverse();
    shuffled.models.reverse();
    shuffled.overrides.reverse();
    expect(stableJson(buildResolvedCatalog(shuffled, '2026.02.03'))).toBe(stableJson(built));
  });

  it('builds providers and models with their keys in the order stableJson writes, so it writes them without a copy', () => {
    const inOrder = (o: object) => {
      const keys = Object.keys(o);
      return keys.every((k, i) => i === 0 || compareKeys(keys[i - 1] as string, k) < 0);
    };
    for (const provider of Object.values(built.providers)) {
      expect(inOrder(provider), provider.id).toBe(true);
      for (const model of Object.values(provider.models)) expect(inOrder(model), `${provider.id}/${model.id}`).toBe(true);
    }
  });

  it('keeps a model named __proto__ as a key like any other, in the object and in its JSON', () => {
    const catalog = pricedCatalog();
    catalog.models.push({ id: '__proto__' });
    catalog.overrides.push({ provider_id: 'groq', model_id: '__proto__', priority: 0 });
    const groq = buildResolvedCatalog(catalog, '2026.02.03').providers.groq;
    const before = Object.keys(built.providers.groq?.models ?? {}).length;
    expect(Object.keys(groq?.models ?? {})).toHaveLength(before + 1);
    expect(Object.hasOwn(groq?.models ?? {}, '__proto__')).toBe(true);
    const reread = JSON.parse(stableJson(groq)) as { models: Record<string, unknown> };
    expect(Object.keys(reread.models)).toContain('__proto__');
  });
});
