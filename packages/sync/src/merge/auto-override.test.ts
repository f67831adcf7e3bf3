import type { Model } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { autoOverrideFor } from './auto-override.ts';
import { fetched, usd } from './testing.ts';

const base: Model = {
  id: 'gpt-4o',
  name: 'GPT-4o',
  capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
  context_window: 128000,
  max_output_tokens: 16384,
  pricing: { input: usd(2.5), output: usd(10), cache_read: usd(1.25) },
};

describe('autoOverrideFor', () => {
  it('gives a membership marker when the provider reports the base facts', () => {
    const source = fetched('gpt-4o', {
      capabilities: ['IMAGE_RECOGNITION', 'FUNCTION_CALL'],
      context_window: 128000,
      pricing: { input: usd(2.5), output: usd(10) },
    });
    expect(autoOverrideFor('azure', base, source)).toEqual({
      override: { provider_id: 'azure', model_id: 'gpt-4o', priority: 0 },
      notes: [],
    });
  });

  it('records provider_model_id only when the provider spelling differs from the base id', () => {
    const same = autoOverrideFor('openai', base, fetched('gpt-4o')).override;
    expect(same).not.toHaveProperty('provider_model_id');
    const other = autoOverrideFor('openrouter', base, fetched('gpt-4o', { provider_model_id: 'openai/gpt-4o' })).override;
    expect(other.provider_model_id).toBe('openai/gpt-4o');
  });

  it('records only the price keys that differ, compared after rounding', () => {
    const source = fetched('gpt-4o', {
      pricing: { input: usd(2.4999999999999996), output: usd(12), per_request: { price: 0.01, currency: 'USD' } },
    });
    expect(autoOverrideFor('p', base, source).override.pricing).toEqual({
      output: usd(12),
      per_request: { price: 0.01, currency: 'USD' },
    });
  });

  it('treats a price in another currency as a difference', () => {
    const source = fetched('gpt-4o', { pricing: { input: { per_million_tokens: 2.5, currency: 'CNY' } } });
    expect(autoOverrideFor('p', base, source).override.pricing).toEqual({ input: { per_million_tokens: 2.5, currency: 'CNY' } });
  });

  it('rounds the prices it writes', () => {
    const source = fetched('gpt-4o', { pricing: { output: usd(0.8999999999999999) } });
    expect(autoOverrideFor('p', base, source).override.pricing).toEqual({ output: usd(0.9) });
  });

  it('records the limits that differ', () => {
    const source = fetched('gpt-4o', { context_window: 64000, max_output_tokens: 16384, max_input_tokens: 60000 });
    expect(autoOverrideFor('p', base, source).override.limits).toEqual({ context_window: 64000, max_input_tokens: 60000 });
  });

  it('adds reported capabilities the base lacks and removes base capabilities missing from a reported list', () => {
    const source = fetched('gpt-4o', { capabilities: ['FUNCTION_CALL', 'STRUCTURED_OUTPUT'] });
    expect(autoOverrideFor('p', base, source).override.capabilities).toEqual({
      add: ['STRUCTURED_OUTPUT'],
      remove: ['IMAGE_RECOGNITION'],
    });
  });

  it('removes no capability when the provider reports no capability list', () => {
    const override = autoOverrideFor('p', base, fetched('gpt-4o', { context_window: 128000 })).override;
    expect(override).not.toHaveProperty('capabilities');
  });

  it('ignores facts an override cannot hold and facts the provider did not report', () => {
    const source = fetched('gpt-4o', { name: 'GPT 4o (Azure)', description: 'hosted', owned_by: 'openai' });
    expect(autoOverrideFor('p', base, source).override).toEqual({ provider_id: 'p', model_id: 'gpt-4o', priority: 0 });
  });

  it('keeps the base limits and reports a collision when a reported limit contradicts the base', () => {
    const narrow = autoOverrideFor('p', base, fetched('gpt-4o', { context_window: 8192, max_input_tokens: 8000 }));
    expect(narrow.override.limits).toEqual({ max_input_tokens: 8000 });
    expect(narrow.notes).toEqual([expect.objectContaining({ kind: 'collision', model_id: 'gpt-4o' })]);
    expect(narrow.notes[0]?.message).toContain('max_output_tokens 16384 exceeds context_window 8192');

    const wide = autoOverrideFor('p', base, fetched('gpt-4o', { max_output_tokens: 200000 }));
    expect(wide.override).not.toHaveProperty('limits');
    expect(wide.notes).toHaveLength(1);
  });
});
