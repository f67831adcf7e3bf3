import { CapabilitySchema, canonicalValue, type Model } from '@llm-catalog/catalog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoOverrideFor } from './auto-override.ts';
import { fetched, usd } from '@llm-catalog/testkit/merge';

const base: Model = {
  id: 'gpt-4o',
  name: 'GPT-4o',
  capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
  context_window: 128000,
  max_output_tokens: 16384,
  pricing: { input: usd(2.5), output: usd(10), cache_read: usd(1.25) },
};
const band = { priority: 20, provenance: { source: 'models.dev', as_of: '2026-06-13' }, vocabulary: ['FUNCTION_CALL', 'REASONING'] as const };

describe('autoOverrideFor', () => {
  it('holds every fact the source reported, even those equal to the base model', () => {
    const source = fetched('gpt-4o', {
      capabilities: ['IMAGE_RECOGNITION', 'FUNCTION_CALL'],
      context_window: 128000,
      pricing: { input: usd(2.5), output: usd(10) },
    });
    expect(autoOverrideFor('azure', base, source, band)).toEqual({
      provider_id: 'azure',
      model_id: 'gpt-4o',
      priority: 20,
      capabilities: { add: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'], remove: ['REASONING'] },
      limits: { context_window: 128000 },
      pricing: { input: usd(2.5), output: usd(10) },
      provenance: { source: 'models.dev', as_of: '2026-06-13' },
    });
  });

  it('records provider_model_id only when the provider spelling differs from the base id', () => {
    const same = autoOverrideFor('openai', base, fetched('gpt-4o'), band);
    expect(same).not.toHaveProperty('provider_model_id');
    const other = autoOverrideFor('openrouter', base, fetched('gpt-4o', { provider_model_id: 'openai/gpt-4o' }), band);
    expect(other.provider_model_id).toBe('openai/gpt-4o');
  });

  it('rounds the prices it writes and keeps their currency', () => {
    const source = fetched('gpt-4o', {
      pricing: { output: usd(0.8999999999999999), input: { per_million_tokens: 2.5, currency: 'CNY' } },
    });
    expect(autoOverrideFor('p', base, source, band).pricing).toEqual({
      output: usd(0.9),
      input: { per_million_tokens: 2.5, currency: 'CNY' },
    });
  });

  it('adds what the source reported and removes only what its vocabulary covers, touching none when it reports no list', () => {
    const reported = autoOverrideFor('p', base, fetched('gpt-4o', { capabilities: ['STRUCTURED_OUTPUT'] }), band);
    expect(reported.capabilities).toEqual({ add: ['STRUCTURED_OUTPUT'], remove: ['FUNCTION_CALL', 'REASONING'] });
    const all = autoOverrideFor('p', base, fetched('gpt-4o', { capabilities: ['REASONING', 'FUNCTION_CALL'] }), band);
    expect(all.capabilities).toEqual({ add: ['FUNCTION_CALL', 'REASONING'] });
    const silent = autoOverrideFor('p', base, fetched('gpt-4o', { context_window: 128000 }), band);
    expect(silent).not.toHaveProperty('capabilities');
  });

  it('never removes a capability outside its source vocabulary', () => {
    fc.assert(
      fc.property(fc.subarray(CapabilitySchema.options, { minLength: 1 }), fc.subarray(CapabilitySchema.options), (reported, vocabulary) => {
        const source = fetched('gpt-4o', { capabilities: [...reported].sort() });
        const removed = autoOverrideFor('p', base, source, { ...band, vocabulary }).capabilities?.remove ?? [];
        expect(removed.every((cap) => vocabulary.includes(cap) && !reported.includes(cap))).toBe(true);
        expect(removed.length).toBe(vocabulary.filter((cap) => !reported.includes(cap)).length);
      }),
    );
  });

  it('is built canonical: the files\' key order, sorted lists, rounded prices, no undefined key', () => {
    const price = fc.record({ currency: fc.constant('USD'), per_million_tokens: fc.constantFrom(0.15, 0.8999999999999999, 2.5) });
    const source = fc.record(
      {
        spelling: fc.constantFrom('gpt-4o', 'openai/GPT-4o'),
        capabilities: fc.subarray(CapabilitySchema.options),
        context_window: fc.constantFrom(8192, 128_000),
        max_output_tokens: fc.constantFrom(4096, 8192),
        max_input_tokens: fc.constantFrom(4096, 8000),
        pricing: fc.record({ output: price, input: price, cache_read: price }, { requiredKeys: [] }),
      },
      { requiredKeys: ['spelling'] },
    );
    fc.assert(
      fc.property(source, fc.constantFrom(undefined, 'free'), fc.subarray(CapabilitySchema.options), (s, variant, vocabulary) => {
        const { spelling, capabilities, ...facts } = s;
        const entry = { ...fetched('gpt-4o', facts), provider_model_id: spelling, ...(capabilities ? { capabilities: [...capabilities].reverse() } : {}) };
        const override = autoOverrideFor('p', base, entry, { ...band, vocabulary }, variant);
        expect(canonicalValue(override)).toBe(override);
      }),
    );
  });

  it('is a membership marker with its provenance when the source reported no offering fact', () => {
    const source = fetched('gpt-4o', { name: 'GPT 4o (Azure)', owned_by: 'openai' });
    expect(autoOverrideFor('p', base, source, band)).toEqual({
      provider_id: 'p',
      model_id: 'gpt-4o',
      priority: 20,
      provenance: band.provenance,
    });
  });

  it('keeps a reported limit that contradicts a base limit the source did not report', () => {
    const narrow = autoOverrideFor('p', base, fetched('gpt-4o', { context_window: 8192, max_input_tokens: 8000 }), band);
    expect(narrow.limits).toEqual({ context_window: 8192, max_input_tokens: 8000 });
  });
});
