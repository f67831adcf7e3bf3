import { describe, expect, it } from 'vitest';
import { catalogProviderId, providerSlug } from './provider-map.ts';

describe('catalogProviderId', () => {
  it.each([
    ['models.dev', 'togetherai', 'together'],
    ['models.dev', 'fireworks-ai', 'fireworks'],
    ['models.dev', 'amazon-bedrock', 'bedrock'],
    ['models.dev', 'google', 'gemini'],
    ['models.dev', 'google-vertex', 'vertex-ai'],
    ['models.dev', 'google-vertex-anthropic', 'vertex-ai'],
    ['models.dev', 'novita-ai', 'novita'],
    ['models.dev', 'moonshotai', 'moonshot'],
    ['models.dev', 'zhipuai', 'zhipu'],
    ['models.dev', 'alibaba', 'dashscope'],
    ['models.dev', 'alibaba-cn', 'dashscope'],
    ['models.dev', 'siliconflow-cn', 'siliconflow'],
    ['models.dev', 'moonshotai-cn', 'moonshot'],
    ['litellm', 'dashscope', 'dashscope'],
    ['models.dev', 'openai', 'openai'],
    ['models.dev', 'wafer.ai', 'wafer-ai'],
    ['litellm', 'together_ai', 'together'],
    ['litellm', 'fireworks_ai', 'fireworks'],
    ['litellm', 'vertex_ai-anthropic_models', 'vertex-ai'],
    ['litellm', 'vertex_ai-language-models', 'vertex-ai'],
    ['litellm', 'bedrock_converse', 'bedrock'],
    ['litellm', 'text-completion-openai', 'openai'],
    ['litellm', 'gmi', 'gmicloud'],
    ['litellm', 'lambda_ai', 'lambda-ai'],
  ] as const)('%s %s is %s', (source, id, expected) => {
    expect(catalogProviderId(source, id)).toBe(expected);
  });

  it('marks a source provider with no hosted offerings (a local server, a chat subscription, a retired API) with null', () => {
    expect(catalogProviderId('litellm', 'chatgpt')).toBeNull();
    expect(catalogProviderId('litellm', 'palm')).toBeNull();
    expect(catalogProviderId('litellm', 'ollama')).toBeNull();
    expect(catalogProviderId('models.dev', 'lmstudio')).toBeNull();
    expect(catalogProviderId('models.dev', 'firepass')).toBeNull();
  });
});

describe('providerSlug', () => {
  it('turns any source id into a catalog-style slug', () => {
    expect(providerSlug('Wafer.AI')).toBe('wafer-ai');
    expect(providerSlug('-x_y-')).toBe('x-y');
  });
});
