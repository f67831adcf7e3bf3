import type { Model } from '@llm-catalog/catalog';
import { ModelSchema } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { baseModelFromSource, refreshBaseFacts } from './base-model.ts';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { fetched, usd } from '@llm-catalog/testkit/merge';

describe('baseModelFromSource', () => {
  it('holds exactly what the source reported, with the provider as source and owner of each fact', () => {
    const source = fetched('llama-3-8b', {
      provider_model_id: 'meta-llama/llama-3-8b:free',
      variant: 'free',
      name: 'Llama 3 8B',
      context_window: 8192,
      capabilities: ['FUNCTION_CALL'],
      pricing: { input: usd(0.1) },
      metadata: { canonical_slug: 'meta-llama/llama-3-8b' },
    });
    const model = baseModelFromSource(source, 'openrouter', []);
    expect(model).toEqual({
      id: 'llama-3-8b',
      name: 'Llama 3 8B',
      context_window: 8192,
      capabilities: ['FUNCTION_CALL'],
      pricing: { input: usd(0.1) },
      metadata: {
        canonical_slug: 'meta-llama/llama-3-8b',
        source: 'openrouter',
        provenance: { name: { source: 'openrouter' }, context_window: { source: 'openrouter' }, capabilities: { source: 'openrouter' }, pricing: { source: 'openrouter' } },
      },
    });
    expect(ModelSchema.safeParse(model).success).toBe(true);
  });

  it('invents nothing for a source that reported only an id', () => {
    expect(baseModelFromSource(fetched('bare'), 'groq', [])).toEqual({ id: 'bare', metadata: { source: 'groq' } });
  });

  it('keeps only the aliases it is given', () => {
    const model = baseModelFromSource(fetched('m', { aliases: ['m-latest', 'taken'] }), 'mistral', ['m-latest']);
    expect(model.aliases).toEqual(['m-latest']);
    expect(baseModelFromSource(fetched('n', { aliases: ['taken'] }), 'mistral', [])).not.toHaveProperty('aliases');
  });
});

describe('refreshBaseFacts', () => {
  const base: Model = {
    id: 'claude-sonnet-4.5',
    name: 'Claude Sonnet 4.5',
    description: 'written by a person',
    context_window: 200000,
    max_output_tokens: 64000,
    pricing: { input: usd(3), output: usd(15) },
    metadata: { source: 'openrouter', provenance: { name: { source: 'openrouter' }, context_window: { source: 'openrouter' }, pricing: { source: 'aihubmix' } } },
  };

  it('refreshes the facts the importer owns', () => {
    const reported = fetched(base.id, { name: 'Anthropic: Claude Sonnet 4.5', context_window: 1000000 });
    const result = refreshBaseFacts(base, reported, 'openrouter', '2026-06-16');
    expect(result.changedFacts).toEqual(['name', 'context_window']);
    expect(result.model).toMatchObject({ name: 'Anthropic: Claude Sonnet 4.5', context_window: 1000000 });
    expect(result.model.metadata?.provenance).toEqual({
      ...base.metadata?.provenance,
      name: { source: 'openrouter', as_of: '2026-06-16' },
      context_window: { source: 'openrouter', as_of: '2026-06-16' },
    });
  });

  it('fills absent facts and records the importer as their owner', () => {
    const result = refreshBaseFacts(base, fetched(base.id, { input_modalities: ['TEXT', 'IMAGE'], release_date: '2025-09-29' }), 'openrouter');
    expect(result.changedFacts).toEqual(['input_modalities', 'release_date']);
    expect(result.model.input_modalities).toEqual(['IMAGE', 'TEXT']);
    expect(result.model.metadata?.provenance).toMatchObject({
      input_modalities: { source: 'openrouter' },
      release_date: { source: 'openrouter' },
    });
  });

  it("never overwrites a person's fact", () => {
    const result = refreshBaseFacts(base, fetched(base.id, { description: 'from the API' }), 'openrouter');
    expect(result.changedFacts).toEqual([]);
    expect(result.model).toBe(base);
  });

  it("never overwrites a higher-precedence importer's fact", () => {
    const result = refreshBaseFacts(base, fetched(base.id, { name: 'GPT by AIHubMix', context_window: 100000 }), 'aihubmix');
    expect(result.changedFacts).toEqual([]);
    expect(result.model).toBe(base);
  });

  it("takes over a lower-precedence importer's fact and records itself as owner", () => {
    const result = refreshBaseFacts(base, fetched(base.id, { pricing: { input: usd(2), output: usd(10) } }), 'openrouter');
    expect(result.changedFacts).toEqual(['pricing']);
    expect(result.model.pricing).toEqual({ input: usd(2), output: usd(10) });
    expect(result.model.metadata?.provenance?.pricing).toEqual({ source: 'openrouter' });
  });

  it('takes over facts a plain provider sync recorded, even when the value is the same', () => {
    const synced: Model = {
      id: 'llama-3.1-8b-instant',
      context_window: 131072,
      metadata: { source: 'groq', provenance: { context_window: { source: 'groq' } } },
    };
    const same = refreshBaseFacts(synced, fetched(synced.id, { context_window: 131072 }), 'openrouter');
    expect(same.model.context_window).toBe(131072);
    expect(same.model.metadata).toEqual({ source: 'openrouter', provenance: { context_window: { source: 'openrouter' } } });
    const again = refreshBaseFacts(same.model, fetched(synced.id, { context_window: 131072 }), 'openrouter');
    expect(again.model).toBe(same.model);
  });

  it('keeps the as-of date of a fact whose value and source are unchanged', () => {
    const dated: Model = { ...base, metadata: { provenance: { name: { source: 'openrouter', as_of: '2026-01-01' } } } };
    const result = refreshBaseFacts(dated, fetched(base.id, { name: base.name }), 'openrouter', '2026-06-16');
    expect(result.model).toBe(dated);
  });

  it('gives a fact the value of the highest-precedence source, whichever order the sources ran in', () => {
    const sources: [string, NormalizedModel][] = [
      ['litellm', fetched('m', { context_window: 1000 })],
      ['models.dev', fetched('m', { context_window: 2000 })],
      ['groq', fetched('m', { context_window: 3000 })],
    ];
    const run = (order: [string, NormalizedModel][]) =>
      order.reduce(
        (m: Model | undefined, [id, entry]) => (m ? refreshBaseFacts(m, entry, id).model : baseModelFromSource(entry, id, [])),
        undefined,
      );
    const forward = run(sources);
    expect(forward?.context_window).toBe(2000);
    expect(run([...sources].reverse())).toEqual(forward);
    expect(forward?.metadata?.source).toBe('models.dev');
  });

  it('keeps a fact the importer owns but no longer reports', () => {
    const result = refreshBaseFacts(base, fetched(base.id, {}), 'openrouter');
    expect(result.model).toBe(base);
  });

  it('returns the same model when every reported fact is unchanged', () => {
    const result = refreshBaseFacts(base, fetched(base.id, { name: base.name, context_window: 200000 }), 'openrouter');
    expect(result).toEqual({ model: base, changedFacts: [], notes: [] });
  });

  it("leaves out a refreshed limit that contradicts a person's limit, and says so", () => {
    const result = refreshBaseFacts(base, fetched(base.id, { name: 'New name', context_window: 32000 }), 'openrouter');
    expect(result.changedFacts).toEqual(['name', 'context_window']);
    expect(result.model.context_window).toBeUndefined();
    expect(result.model.max_output_tokens).toBe(64000);
    expect(result.model.metadata?.provenance).not.toHaveProperty('context_window');
    expect(result.notes).toEqual([expect.objectContaining({ kind: 'collision', model_id: base.id })]);
    expect(ModelSchema.safeParse(result.model).success).toBe(true);
  });

  it('takes linked facts from one source only: the highest that reported any of them, in any order', () => {
    const openrouter = fetched('m', { context_window: 1000000 });
    const modelsDev = fetched('m', { context_window: 200000, max_output_tokens: 64000, max_input_tokens: 180000 });
    const forward = refreshBaseFacts(baseModelFromSource(modelsDev, 'models.dev', []), openrouter, 'openrouter').model;
    const backward = refreshBaseFacts(baseModelFromSource(openrouter, 'openrouter', []), modelsDev, 'models.dev').model;
    expect(forward).toEqual(backward);
    expect([forward.context_window, forward.max_output_tokens, forward.max_input_tokens]).toEqual([1000000, undefined, undefined]);
  });

  it('does not claim a fact it could not fill because of a limit conflict', () => {
    const person: Model = { id: 'm', max_output_tokens: 64000 };
    const result = refreshBaseFacts(person, fetched('m', { context_window: 32000 }), 'openrouter');
    expect(result.model).toBe(person);
    expect(result.notes).toHaveLength(1);
  });
});
