import { indexCatalog, resolveProviderModels, type Catalog } from '@llm-catalog/catalog';
import { capabilityVocabularyOf, getSource, getTransformer, type NormalizedModel } from '@llm-catalog/transformers';
import { catalogOf, fetched } from '@llm-catalog/testkit/merge';
import { describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';

/** Anthropic's `GET /v1/models` entry: its `capabilities` object has no tool-use flag. */
const anthropicBody = {
  data: [
    {
      type: 'model',
      id: 'claude-sonnet-4-5-20250929',
      display_name: 'Claude Sonnet 4.5',
      created_at: '2025-09-29T00:00:00Z',
      max_input_tokens: 200000,
      max_tokens: 64000,
      capabilities: {
        image_input: { supported: true },
        pdf_input: { supported: true },
        structured_outputs: { supported: false },
        thinking: { supported: true },
        code_execution: { supported: false },
      },
    },
  ],
  has_more: false,
};

const anthropicList = (): NormalizedModel[] => getTransformer('anthropic')(anthropicBody).models;
const anthropicVocabulary = capabilityVocabularyOf([{ format: 'ANTHROPIC', url: 'https://api.anthropic.com/v1/models' }]);

const capabilitiesAt = (catalog: Catalog, providerId: string, modelId: string) =>
  resolveProviderModels(indexCatalog(catalog), providerId).find((m) => m.id === modelId)?.capabilities;

describe('capabilities across bands', () => {
  it("Anthropic's own list keeps FUNCTION_CALL from models.dev and adds what its capabilities object reports", () => {
    const modelsDev = fetched('claude-sonnet-4-5', {
      capabilities: ['FILE_INPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING', 'STRUCTURED_OUTPUT'],
    });
    const afterSource = mergeProviderModels(catalogOf(['anthropic']), 'anthropic', [modelsDev], {
      source: 'models.dev',
      capabilityVocabulary: getSource('models.dev').capabilityVocabulary,
    }).catalog;
    const afterOwn = mergeProviderModels(afterSource, 'anthropic', anthropicList(), { capabilityVocabulary: anthropicVocabulary }).catalog;
    // STRUCTURED_OUTPUT is in Anthropic's vocabulary and its flag says no: its own band outranks models.dev.
    expect(capabilitiesAt(afterOwn, 'anthropic', 'claude-sonnet-4-5')).toEqual(['FILE_INPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING']);
  });

  it('a provider list that reports no capabilities removes none', () => {
    const withCaps = mergeProviderModels(catalogOf(['p']), 'p', [fetched('m', { capabilities: ['FUNCTION_CALL'] })], {
      source: 'models.dev',
      capabilityVocabulary: getSource('models.dev').capabilityVocabulary,
    }).catalog;
    const silent = mergeProviderModels(withCaps, 'p', [fetched('m')], { capabilityVocabulary: anthropicVocabulary }).catalog;
    expect(capabilitiesAt(silent, 'p', 'm')).toEqual(['FUNCTION_CALL']);
  });

  it("a provider's vocabulary is what every one of its endpoints' transformers speaks about", () => {
    expect(anthropicVocabulary).not.toContain('FUNCTION_CALL');
    expect(capabilityVocabularyOf([{ format: 'OPENAI', url: 'https://x.example/v1/models' }])).toEqual([]);
    const mixed = capabilityVocabularyOf([
      { format: 'ANTHROPIC', url: 'https://x.example/v1/models' },
      { format: 'OPENAI', transformer: 'openrouter', url: 'https://x.example/api/v1/models' },
    ]);
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.every((cap) => anthropicVocabulary.includes(cap))).toBe(true);
  });
});
