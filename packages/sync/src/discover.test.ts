import { checkIntegrity, type Catalog, type Provider } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { discoverProviders, newProviders, withDiscoveredProviders } from './discover.ts';

const provider = (id: string, extra: Partial<Provider> = {}): Provider => ({
  id,
  name: id,
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: `https://api.${id}.example/v1`, default: true }],
  ...extra,
});

const catalog = (): Catalog => ({
  providers: [
    provider('openai', { api_key_env: 'OPENAI_API_KEY' }),
    provider('groq'),
    provider('hf', { api_key_env: 'HF_TOKEN' }),
    provider('lab', { api_key_env: 'PROVIDER_LAB_KEY', formats: [{ format: 'OPENAI', base_url: 'https://lab.example/v1', default: true }] }),
  ],
  models: [],
  overrides: [],
});

const SECRET = 'sk-test-never-print-me';

describe('discoverProviders', () => {
  it("finds catalog providers by each one's key variable, never keeping the value", () => {
    const discovery = discoverProviders(catalog(), { GROQ_API_KEY: SECRET, HF_TOKEN: SECRET, OPENAI_API_KEY: '  ' });
    expect(discovery.found).toEqual([
      { id: 'groq', via: 'key', env: ['GROQ_API_KEY'], key: 'found', inCatalog: true },
      { id: 'hf', via: 'key', env: ['HF_TOKEN'], key: 'found', inCatalog: true },
    ]);
    expect(JSON.stringify(discovery)).not.toContain(SECRET);
  });

  it('builds an OpenAI-compatible provider from PROVIDER_<NAME>_URL and _KEY', () => {
    const discovery = discoverProviders(catalog(), {
      PROVIDER_MY_LAB_URL: 'https://llm.example.com/v1/',
      PROVIDER_MY_LAB_KEY: SECRET,
    });
    expect(discovery.problems).toEqual([]);
    expect(discovery.found).toHaveLength(1);
    const found = discovery.found[0];
    expect(found).toMatchObject({
      id: 'my-lab',
      via: 'custom-url',
      env: ['PROVIDER_MY_LAB_URL', 'PROVIDER_MY_LAB_KEY'],
      key: 'found',
      inCatalog: false,
      baseUrl: 'https://llm.example.com/v1',
    });
    expect(found?.provider).toEqual({
      id: 'my-lab',
      name: 'my-lab',
      description: 'OpenAI-compatible provider found in the environment (PROVIDER_MY_LAB_URL).',
      authentication: 'API_KEY',
      api_key_env: 'PROVIDER_MY_LAB_KEY',
      formats: [{ format: 'OPENAI', base_url: 'https://llm.example.com/v1', default: true }],
      models_api: {
        enabled: true,
        update_frequency: 'daily',
        endpoints: [
          { url: 'https://llm.example.com/v1/models', endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' },
        ],
      },
    });
    expect(JSON.stringify(discovery)).not.toContain(SECRET);
  });

  it('a custom URL without a key is a keyless server, detected by its port', () => {
    const [found] = discoverProviders(catalog(), { PROVIDER_GPU_URL: 'http://10.0.0.5:8000/v1' }).found;
    expect(found?.key).toBe('not-needed');
    expect(found?.provider).toMatchObject({
      authentication: 'NONE',
      metadata: { tags: ['self-hosted'] },
      models_api: { endpoints: [{ url: 'http://10.0.0.5:8000/v1/models', transformer: 'openai' }] },
    });
    expect(found?.provider).not.toHaveProperty('api_key_env');
  });

  it('adds an Ollama provider from OLLAMA_BASE_URL only when the catalog has none', () => {
    const [found] = discoverProviders(catalog(), { OLLAMA_BASE_URL: 'http://gpu-box:11434' }).found;
    expect(found).toMatchObject({ id: 'ollama', via: 'ollama-url', inCatalog: false, key: 'not-needed' });
    expect(found?.provider?.models_api?.endpoints).toEqual([
      { url: 'http://gpu-box:11434/api/tags', endpoint_type: 'CHAT_COMPLETIONS', format: 'OLLAMA', transformer: 'ollama' },
    ]);
    const withOllama = catalog();
    withOllama.providers.push(provider('ollama', { authentication: 'NONE' }));
    expect(discoverProviders(withOllama, { OLLAMA_BASE_URL: 'http://gpu-box:11434' }).found[0]).toMatchObject({
      id: 'ollama',
      inCatalog: true,
    });
  });

  it('a custom provider already in the catalog is one entry, with a note when the URL differs', () => {
    const discovery = discoverProviders(catalog(), { PROVIDER_LAB_URL: 'https://other.example/v1', PROVIDER_LAB_KEY: SECRET });
    expect(discovery.found).toEqual([
      {
        id: 'lab',
        via: 'key',
        env: ['PROVIDER_LAB_KEY', 'PROVIDER_LAB_URL'],
        key: 'found',
        inCatalog: true,
        baseUrl: 'https://other.example/v1',
        note: 'providers.json has https://lab.example/v1 for "lab"; PROVIDER_LAB_URL is not applied',
      },
    ]);
  });

  it('reports variables it cannot use, and never writes credentials into a provider', () => {
    const discovery = discoverProviders(catalog(), {
      PROVIDER_A_URL: 'llm.example.com',
      PROVIDER_B_URL: `https://user:${SECRET}@llm.example.com/v1`,
      PROVIDER_C_URL: `https://llm.example.com/v1?key=${SECRET}`,
      PROVIDER_D_KEY: SECRET,
      PROVIDER_E_URL: '',
    });
    expect(discovery.found).toEqual([]);
    expect(discovery.problems).toEqual([
      { env: 'PROVIDER_A_URL', message: 'is not an absolute URL' },
      { env: 'PROVIDER_B_URL', message: 'must not contain credentials; put the key in its own variable' },
      { env: 'PROVIDER_C_URL', message: 'must not contain a query string (it would be written to providers.json)' },
      { env: 'PROVIDER_D_KEY', message: 'is set but PROVIDER_D_URL is not; the provider needs its base URL' },
    ]);
    expect(JSON.stringify(discovery)).not.toContain(SECRET);
  });
});

describe('withDiscoveredProviders', () => {
  it('adds the new custom providers, valid, and leaves the catalog alone otherwise', () => {
    const base = catalog();
    const env = { PROVIDER_MYLAB_URL: 'https://llm.example.com/v1', OLLAMA_BASE_URL: 'http://localhost:11434', GROQ_API_KEY: SECRET };
    const { catalog: extended, added } = withDiscoveredProviders(base, env);
    expect(added).toEqual(['mylab']);
    expect(extended.providers.map((p) => p.id)).toEqual(['openai', 'groq', 'hf', 'lab', 'mylab']);
    expect(checkIntegrity(extended)).toEqual([]);
    expect(base.providers).toHaveLength(4);
    expect(withDiscoveredProviders(base, {}).catalog).toBe(base);
    expect(newProviders(discoverProviders(base, env)).map((p) => p.id)).toEqual(['mylab', 'ollama']);
  });
});
