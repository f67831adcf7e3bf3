import { loadCatalog, type Provider } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, defaultModelsUrl, detectProviderFromUrl, findProviderByUrl, modelsEndpointFor } from './detect-provider.ts';

// [base URL, type, format, transformer, models URL, catalog provider id]
const TABLE: [string, string, string, string, string, string | undefined][] = [
  ['https://api.openai.com/v1', 'openai', 'OPENAI', 'openai', 'https://api.openai.com/v1/models', 'openai'],
  ['https://api.anthropic.com', 'anthropic', 'ANTHROPIC', 'anthropic', 'https://api.anthropic.com/v1/models', 'anthropic'],
  ['https://generativelanguage.googleapis.com/v1beta', 'gemini', 'GEMINI', 'gemini', 'https://generativelanguage.googleapis.com/v1beta/models', 'gemini'],
  ['https://openrouter.ai/api/v1', 'openrouter', 'OPENAI', 'openrouter', 'https://openrouter.ai/api/v1/models', 'openrouter'],
  ['https://aihubmix.com/v1', 'aihubmix', 'OPENAI', 'aihubmix', 'https://aihubmix.com/api/v1/models', 'aihubmix'],
  ['https://api.groq.com/openai/v1', 'groq', 'OPENAI', 'openai', 'https://api.groq.com/openai/v1/models', 'groq'],
  ['https://api.deepseek.com', 'deepseek', 'OPENAI', 'openai', 'https://api.deepseek.com/models', 'deepseek'],
  ['https://api.x.ai/v1', 'xai', 'OPENAI', 'openai', 'https://api.x.ai/v1/models', 'xai'],
  ['https://api.fireworks.ai/inference/v1', 'fireworks', 'OPENAI', 'openai', 'https://api.fireworks.ai/inference/v1/models', 'fireworks'],
  ['https://api.mistral.ai/v1', 'mistral', 'OPENAI', 'openai', 'https://api.mistral.ai/v1/models', 'mistral'],
  ['https://api.together.xyz/v1', 'together', 'OPENAI', 'openai', 'https://api.together.xyz/v1/models', 'together'],
  ['https://API.GROQ.COM/openai/v1/', 'groq', 'OPENAI', 'openai', 'https://api.groq.com/openai/v1/models', 'groq'],
  ['https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'dashscope', 'OPENAI', 'openai', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/models', 'dashscope'],
  ['http://localhost:11434', 'ollama', 'OLLAMA', 'ollama', 'http://localhost:11434/api/tags', undefined],
  ['http://gpu-box.lan:11434/v1', 'ollama', 'OPENAI', 'ollama', 'http://gpu-box.lan:11434/api/tags', undefined],
  ['http://127.0.0.1:1234/v1', 'lmstudio', 'OPENAI', 'openai', 'http://127.0.0.1:1234/v1/models', undefined],
  ['http://10.0.0.5:8000/v1', 'vllm', 'OPENAI', 'openai', 'http://10.0.0.5:8000/v1/models', undefined],
  ['http://localhost:8080/v1', 'llamacpp', 'OPENAI', 'openai', 'http://localhost:8080/v1/models', undefined],
];

const UNRECOGNIZED = [
  'https://llm.example.com/v1', // an unknown host on the default port
  'http://localhost:8000/', // port 8000 without /v1 is any web app
  'http://localhost:8080/', // so is 8080
  'https://api.openai.com.evil.example/v1', // a look-alike host
  'ftp://api.openai.com/v1',
  'not a url',
  '',
];

describe('detectProviderFromUrl', () => {
  it.each(TABLE)('%s is %s', (url, type, format, transformer, modelsUrl, providerId) => {
    const detected = detectProviderFromUrl(url);
    expect(detected).toMatchObject({ type, format, transformer, modelsUrl });
    expect(detected?.providerId).toBe(providerId);
    expect(detected?.local).toBe(providerId === undefined ? true : undefined);
  });

  it.each(UNRECOGNIZED)('%j is not recognized', (url) => {
    expect(detectProviderFromUrl(url)).toBeUndefined();
  });

  it('knows how Anthropic and Gemini expect the key', () => {
    expect(detectProviderFromUrl('https://api.anthropic.com')).toMatchObject({
      auth: { header_name: 'x-api-key', prefix: '' },
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(detectProviderFromUrl('https://generativelanguage.googleapis.com')?.auth).toEqual({
      header_name: 'x-goog-api-key',
      prefix: '',
    });
  });

  it('agrees with the bundled catalog on every hosted provider it names', async () => {
    const { catalog } = await loadCatalog();
    let compared = 0;
    for (const provider of catalog.providers) {
      const endpoint = provider.models_api?.endpoints[0];
      const base = provider.formats.find((f) => f.default)?.base_url;
      if (!endpoint || !base) continue;
      const detected = detectProviderFromUrl(base);
      if (!detected?.providerId) continue;
      compared++;
      expect({ id: detected.providerId, url: detected.modelsUrl }).toEqual({ id: provider.id, url: endpoint.url });
      expect(modelsEndpointFor(detected.modelsUrl, detected.transformer, detected)).toEqual(endpoint);
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('defaultModelsUrl', () => {
  it('appends /models to an OpenAI-compatible base URL once', () => {
    expect(defaultModelsUrl('https://llm.example.com/v1')).toBe('https://llm.example.com/v1/models');
    expect(defaultModelsUrl('https://llm.example.com/v1/')).toBe('https://llm.example.com/v1/models');
    expect(defaultModelsUrl('https://llm.example.com/v1/models')).toBe('https://llm.example.com/v1/models');
  });

  it("uses each format's own listing path", () => {
    expect(defaultModelsUrl('http://gpu-box:9000', 'OLLAMA')).toBe('http://gpu-box:9000/api/tags');
    expect(defaultModelsUrl('http://gpu-box:9000/v1', 'OLLAMA')).toBe('http://gpu-box:9000/api/tags');
    expect(defaultModelsUrl('https://proxy.example/anthropic', 'ANTHROPIC')).toBe('https://proxy.example/anthropic/v1/models');
    expect(defaultModelsUrl('https://proxy.example/anthropic/v1', 'ANTHROPIC')).toBe('https://proxy.example/anthropic/v1/models');
    expect(defaultModelsUrl('https://proxy.example/gemini/v1beta', 'GEMINI')).toBe('https://proxy.example/gemini/v1beta/models');
  });
});

describe('findProviderByUrl', () => {
  it('finds the catalog provider served from the same host and port', async () => {
    const { catalog } = await loadCatalog();
    expect(findProviderByUrl(catalog.providers, 'https://api.groq.com/openai/v1')?.id).toBe('groq');
    expect(findProviderByUrl(catalog.providers, 'http://localhost:11434')?.id).toBe('ollama');
    expect(findProviderByUrl(catalog.providers, 'https://llm.example.com/v1')).toBeUndefined();
  });

  it('tells two providers on one host apart by the path of their base URLs', () => {
    const at = (id: string, base_url: string): Provider => ({
      id,
      name: id,
      authentication: 'API_KEY',
      formats: [{ format: 'OPENAI', base_url, default: true }],
    });
    const providers = [at('gateway-a', 'https://gw.example.com/a/v1'), at('gateway-b', 'https://gw.example.com/b/v1'), at('gateway', 'https://gw.example.com')];
    expect(findProviderByUrl(providers, 'https://gw.example.com/b/v1')?.id).toBe('gateway-b');
    expect(findProviderByUrl(providers, 'https://gw.example.com/a/v1/models')?.id).toBe('gateway-a');
    expect(findProviderByUrl(providers, 'https://gw.example.com/c/v1')?.id).toBe('gateway');
    expect(findProviderByUrl(providers.slice(0, 2), 'https://gw.example.com/c/v1')).toBeUndefined();
    expect(findProviderByUrl(providers, 'http://gw.example.com/b/v1')).toBeUndefined();
  });
});

describe('checkBaseUrl', () => {
  it('accepts an http(s) URL and drops trailing slashes', () => {
    expect(checkBaseUrl(' https://llm.example.com/v1/ ')).toEqual({ url: 'https://llm.example.com/v1' });
    expect(checkBaseUrl('http://localhost:11434')).toEqual({ url: 'http://localhost:11434' });
  });

  it('refuses what is not a URL, other schemes, and anything that would put a secret in a data file', () => {
    expect(checkBaseUrl('llm.example.com')).toEqual({ error: 'is not an absolute URL' });
    expect(checkBaseUrl('ftp://llm.example.com')).toEqual({ error: 'must be an http(s) URL' });
    expect(checkBaseUrl('https://me:secret@llm.example.com')).toEqual({
      error: 'must not contain credentials; put the key in its own variable',
    });
    expect(checkBaseUrl('https://llm.example.com/v1?key=secret')).toEqual({
      error: 'must not contain a query string (it would be written to providers.json)',
    });
  });

  it.each(['https://llm.example.com/v1#token=sk-live-0123456789', 'https://llm.example.com/v1#'])(
    'refuses a fragment, which would land in providers.json and break the models URL: %s',
    (url) => {
      expect(checkBaseUrl(url)).toEqual({ error: 'must not contain a fragment (#...; it would be written to providers.json)' });
    },
  );
});
