import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../integrity.ts';
import type { Catalog } from '../io/read.ts';
import { indexCatalog, resolveModel } from '../resolve.ts';
import type { Override } from '../schema/override.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';
import { ToggleError, type ToggleRequest, toggleOffering } from './toggle-offering.ts';

const overridesOf = (catalog: Catalog, provider: string, model: string) =>
  catalog.overrides.filter((o) => o.provider_id === provider && o.model_id === model).sort((a, b) => a.priority - b.priority);
const disabled = (catalog: Catalog, provider: string, model: string) =>
  resolveModel(indexCatalog(catalog), provider, model)?.model.disabled === true;
const failure = (catalog: Catalog, request: ToggleRequest) => {
  try {
    toggleOffering(catalog, request);
  } catch (err) {
    if (err instanceof ToggleError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a ToggleError');
};

describe('toggleOffering', () => {
  it('disables an offering with a new manual override at priority 100, found by the provider spelling', () => {
    const result = toggleOffering(pricedCatalog(), {
      provider: 'groq',
      model: 'llama-3.3-70b-versatile',
      disabled: true,
      reason: 'deprecated by groq',
      replace_with: 'gpt-4o',
    });
    expect(result.change).toBe('created');
    expect(result.override).toEqual({
      provider_id: 'groq',
      model_id: 'llama-3.3-70b',
      priority: 100,
      reason: 'deprecated by groq',
      disabled: true,
      replace_with: 'gpt-4o',
    });
    expect(disabled(result.catalog, 'groq', 'llama-3.3-70b')).toBe(true);
    expect(checkIntegrity(result.catalog).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('edits a toggle-only manual override in place instead of stacking another', () => {
    const result = toggleOffering(pricedCatalog(), { provider: 'openai', model: 'gpt-4-turbo', disabled: true, reason: 'gone for good' });
    expect(result.change).toBe('updated');
    expect(overridesOf(result.catalog, 'openai', 'gpt-4-turbo')).toEqual([
      { provider_id: 'openai', model_id: 'gpt-4-turbo', priority: 100, reason: 'gone for good', disabled: true },
    ]);
  });

  it('adds a toggle above a manual override that carries other changes, leaving it intact', () => {
    const catalog = pricedCatalog();
    const contract: Override = {
      provider_id: 'groq',
      model_id: 'llama-3.3-70b',
      priority: 120,
      reason: 'contract price',
      pricing: { input: { per_million_tokens: 0.5, currency: 'USD' } },
    };
    catalog.overrides.push(contract);
    const result = toggleOffering(catalog, { provider: 'groq', model: 'llama-3.3-70b', disabled: true, reason: 'paused' });
    expect(result.override?.priority).toBe(121);
    expect(overridesOf(result.catalog, 'groq', 'llama-3.3-70b')).toContainEqual(contract);
    expect(disabled(result.catalog, 'groq', 'llama-3.3-70b')).toBe(true);
  });

  it('re-enabling removes the toggle override that disabled it', () => {
    const result = toggleOffering(pricedCatalog(), { provider: 'cheapo', model: 'gpt-4o', disabled: false });
    expect(result.change).toBe('removed');
    expect(overridesOf(result.catalog, 'cheapo', 'gpt-4o').map((o) => o.priority)).toEqual([0]);
    expect(disabled(result.catalog, 'cheapo', 'gpt-4o')).toBe(false);
  });

  it('enabling what a richer manual override disabled writes disabled: false above it, and needs a reason', () => {
    const catalog = pricedCatalog();
    catalog.overrides.push({
      provider_id: 'groq',
      model_id: 'mystery-model',
      priority: 100,
      reason: 'off until priced',
      disabled: true,
      limits: { context_window: 8192 },
    });
    expect(failure(catalog, { provider: 'groq', model: 'mystery-model', disabled: false }).code).toBe('needs-reason');
    const result = toggleOffering(catalog, { provider: 'groq', model: 'mystery-model', disabled: false, reason: 'priced now' });
    expect(result.override).toEqual({ provider_id: 'groq', model_id: 'mystery-model', priority: 101, reason: 'priced now', disabled: false });
    expect(disabled(result.catalog, 'groq', 'mystery-model')).toBe(false);
  });

  it('changes nothing when the offering is already in the asked state', () => {
    const catalog = pricedCatalog();
    expect(toggleOffering(catalog, { provider: 'openai', model: 'gpt-4o', disabled: false })).toMatchObject({ change: 'unchanged', catalog });
    const again = toggleOffering(catalog, { provider: 'openai', model: 'gpt-4-turbo', disabled: true, reason: 'retired from the API', replace_with: 'gpt-4o' });
    expect(again).toMatchObject({ change: 'unchanged', catalog });
  });

  it('refuses a model the provider does not serve, an unknown provider, and a disable without a reason', () => {
    const catalog = pricedCatalog();
    expect(failure(catalog, { provider: 'groq', model: 'gpt-4o', disabled: true, reason: 'x' })).toEqual({
      code: 'not-served',
      message: 'groq does not serve "gpt-4o"; served by openai, openrouter, yuan',
    });
    expect(failure(catalog, { provider: 'nope', model: 'gpt-4o', disabled: true, reason: 'x' }).code).toBe('unknown-provider');
    expect(failure(catalog, { provider: 'openai', model: 'gpt-4o', disabled: true }).code).toBe('needs-reason');
    expect(failure(catalog, { provider: 'openai', model: 'gpt-4o', disabled: true, reason: 'x', replace_with: 'gpt-4o' })).toEqual({
      code: 'self-replacement',
      message: 'gpt-4o cannot be its own replacement',
    });
  });
});

describe('toggleOffering with variants', () => {
  it("switches off only the variant a spelling names, with the variant in the override's key", () => {
    const catalog = pricedCatalog();
    catalog.overrides.push({
      provider_id: 'openrouter',
      model_id: 'gpt-4o',
      variant: 'free',
      provider_model_id: 'openai/gpt-4o:free',
      priority: 0,
    });
    const result = toggleOffering(catalog, { provider: 'openrouter', model: 'openai/gpt-4o:free', disabled: true, reason: 'rate limited' });
    expect(result).toMatchObject({ change: 'created', model_id: 'gpt-4o', variant: 'free' });
    expect(result.override).toEqual({
      provider_id: 'openrouter',
      model_id: 'gpt-4o',
      variant: 'free',
      priority: 100,
      reason: 'rate limited',
      disabled: true,
    });
    const index = indexCatalog(result.catalog);
    expect(resolveModel(index, 'openrouter', 'openai/gpt-4o:free')?.model.disabled).toBe(true);
    expect(resolveModel(index, 'openrouter', 'openai/gpt-4o')?.model.disabled).toBeUndefined();
  });
});
