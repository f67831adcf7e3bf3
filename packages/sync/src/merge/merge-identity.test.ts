import type { Model } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';
import { catalogOf, fetched } from '@llm-catalog/testkit/merge';

const sonnet: Model = { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5' };
const llama: Model = { id: 'llama-3.3-70b-instruct', name: 'Llama 3.3 70B Instruct' };

describe('mergeProviderModels: the identity step', () => {
  it("maps Bedrock's and Vertex's spellings of a dated Claude snapshot to the maker's undated model", () => {
    const catalog = catalogOf(['bedrock', 'vertex-ai'], [sonnet]);
    const bedrock = mergeProviderModels(
      catalog,
      'bedrock',
      [fetched('x', { provider_model_id: 'anthropic.claude-sonnet-4-5-20250929-v1:0' })],
      {},
    );
    const vertex = mergeProviderModels(catalog, 'vertex-ai', [fetched('x', { provider_model_id: 'claude-sonnet-4-5@20250929' })], {});
    expect(bedrock.newBaseModels).toEqual([]);
    expect(vertex.newBaseModels).toEqual([]);
    expect(bedrock.added).toEqual(['claude-sonnet-4-5']);
    expect(vertex.added).toEqual(['claude-sonnet-4-5']);
  });

  it("names a new model by the maker's stable id, so a dated snapshot seen first does not become a second model", () => {
    const result = mergeProviderModels(
      catalogOf(['anthropic']),
      'anthropic',
      [fetched('claude-sonnet-4-5-20250929', { provider_model_id: 'claude-sonnet-4-5-20250929' })],
      {},
    );
    expect(result.newBaseModels).toEqual(['claude-sonnet-4-5']);
  });

  it('leaves a spelling the rules are unsure of apart, and follows a person\'s link for it', () => {
    const catalog = catalogOf(['groq'], [llama]);
    const entry = fetched('llama-3.3-70b-versatile', { provider_model_id: 'llama-3.3-70b-versatile' });
    expect(mergeProviderModels(catalog, 'groq', [entry], {}).newBaseModels).toEqual(['llama-3.3-70b-versatile']);

    const linked = { ...catalog, links: [{ spelling: 'llama-3.3-70b-versatile', model_id: llama.id, relation: 'same' as const }] };
    const result = mergeProviderModels(linked, 'groq', [entry], {});
    expect(result.newBaseModels).toEqual([]);
    expect(result.added).toEqual([llama.id]);
    expect(result.catalog.links).toEqual(linked.links);
  });

  it("creates the model a person's link names when the linked spelling arrives first, whatever the order", () => {
    const links = [{ spelling: 'llama-3.3-70b-versatile', model_id: llama.id, relation: 'same' as const }];
    const groqFirst = mergeProviderModels(
      { ...catalogOf(['groq']), links },
      'groq',
      [fetched('llama-3.3-70b-versatile', { provider_model_id: 'llama-3.3-70b-versatile' })],
      {},
    );
    expect(groqFirst.newBaseModels).toEqual([llama.id]);
  });

  it('never maps a look-alike model of another size or release to an existing one', () => {
    const catalog = catalogOf(['openrouter'], [llama, { id: 'gpt-4o' }]);
    const result = mergeProviderModels(
      catalog,
      'openrouter',
      [
        fetched('llama-3.1-70b-instruct', { provider_model_id: 'meta-llama/llama-3.1-70b-instruct' }),
        fetched('gpt-4o-mini', { provider_model_id: 'openai/gpt-4o-mini' }),
        fetched('gpt-4o-2024-05-13', { provider_model_id: 'openai/gpt-4o-2024-05-13' }),
      ],
      { allowRemovals: true },
    );
    expect(result.newBaseModels).toEqual(['gpt-4o-2024-05-13', 'gpt-4o-mini', 'llama-3.1-70b-instruct']);
  });
});

describe('mergeProviderModels: re-running an import', () => {
  it('links each spelling to the model the provider already offers under it, whatever was added since', () => {
    const first = mergeProviderModels(
      catalogOf(['abacus', 'openrouter']),
      'abacus',
      [fetched('x', { provider_model_id: 'Qwen/Qwen3-235B-A22B-Instruct-2507' })],
      {},
    );
    expect(first.added).toEqual(['qwen3-235b-a22b-instruct-2507']);
    // Another source later states that hf name for a model of its own.
    const other: Model = {
      id: 'qwen3-235b-a22b-2507',
      metadata: { hugging_face_id: 'Qwen/Qwen3-235B-A22B-Instruct-2507' },
    };
    const later = { ...first.catalog, models: [...first.catalog.models, other] };
    const again = mergeProviderModels(later, 'abacus', [fetched('x', { provider_model_id: 'Qwen/Qwen3-235B-A22B-Instruct-2507' })], {});
    expect(again.status).toBe('unchanged');
  });
});
