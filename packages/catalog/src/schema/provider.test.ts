import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../io/read.ts';
import { keyEnvOf, type Provider, ProviderSchema } from './provider.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const committedProviders = async (): Promise<Provider[]> => (await readCatalog(`${ROOT}data`)).catalog.providers;

/** The variables .env.example sets (not the commented-out examples). */
async function envExampleVariables(): Promise<string[]> {
  const text = await readFile(`${ROOT}.env.example`, 'utf8');
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
}

const valid = {
  id: 'acme',
  name: 'Acme',
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: 'https://api.acme.test/v1', default: true }],
};
const messagesFor = (extra: Record<string, unknown>) => {
  const r = ProviderSchema.safeParse({ ...valid, ...extra });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('provider schema', () => {
  it('accepts a minimal provider', () => {
    expect(messagesFor({})).toEqual([]);
  });

  it('rejects an api_key_env that is not an UPPER_SNAKE_CASE variable', () => {
    expect(messagesFor({ api_key_env: 'acme_key' })).toEqual([
      'api_key_env: api_key_env must be an UPPER_SNAKE_CASE variable name',
    ]);
  });

  it('requires api_key_env when the id starts with a digit, since 302AI_API_KEY is no variable name', () => {
    expect(messagesFor({ id: '302ai' })).toEqual([
      'api_key_env: a provider id that starts with a digit needs api_key_env: <ID>_API_KEY would not be a valid variable name',
    ]);
    expect(messagesFor({ id: '302ai', api_key_env: 'AI302_API_KEY' })).toEqual([]);
    expect(messagesFor({ id: '302ai', authentication: 'NONE' })).toEqual([]);
  });

  it('rejects unknown tags, transformers and update frequencies', () => {
    expect(
      messagesFor({
        metadata: { tags: ['partner'] },
        models_api: {
          enabled: true,
          update_frequency: 'hourly',
          endpoints: [{ url: 'https://api.acme.test/v1/models', endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'acme' }],
        },
      }),
    ).toEqual([
      'metadata.tags.0: unknown tag (official, aggregator, cloud, self-hosted, local)',
      'models_api.endpoints.0.transformer: unknown transformer (openai, openrouter, aihubmix, ollama, anthropic, gemini)',
      'models_api.update_frequency: unknown update_frequency (realtime, daily, weekly, manual)',
    ]);
  });

  it('rejects a relative base_url and a models_api without endpoints', () => {
    expect(
      messagesFor({
        formats: [{ format: 'OPENAI', base_url: '/v1', default: true }],
        models_api: { enabled: true, update_frequency: 'daily', endpoints: [] },
      }),
    ).toEqual(['formats.0.base_url: must be an absolute URL', 'models_api.endpoints: models_api needs at least one endpoint']);
  });
});

describe('keyEnvOf', () => {
  it('uses api_key_env, else <ID>_API_KEY with dashes as underscores, for providers that take a key', () => {
    expect(keyEnvOf({ id: 'groq', authentication: 'API_KEY' })).toBe('GROQ_API_KEY');
    expect(keyEnvOf({ id: 'github-models', authentication: 'API_KEY' })).toBe('GITHUB_MODELS_API_KEY');
    expect(keyEnvOf({ id: 'huggingface', authentication: 'API_KEY', api_key_env: 'HF_TOKEN' })).toBe('HF_TOKEN');
  });

  it('invents no variable for keyless servers or cloud credentials without one', () => {
    expect(keyEnvOf({ id: 'ollama', authentication: 'NONE' })).toBeUndefined();
    expect(keyEnvOf({ id: 'vertex-ai', authentication: 'CLOUD_CREDENTIALS' })).toBeUndefined();
    expect(keyEnvOf({ id: 'bedrock', authentication: 'CLOUD_CREDENTIALS', api_key_env: 'AWS_BEARER_TOKEN_BEDROCK' })).toBe(
      'AWS_BEARER_TOKEN_BEDROCK',
    );
  });
});

describe('the committed providers', () => {
  it('every key variable is documented in .env.example', async () => {
    const documented = new Set(await envExampleVariables());
    const needed = (await committedProviders()).flatMap((p) => keyEnvOf(p) ?? []);
    expect(needed.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('.env.example sets no variable that is not a provider key', async () => {
    const keys = new Set((await committedProviders()).flatMap((p) => keyEnvOf(p) ?? []));
    expect((await envExampleVariables()).filter((v) => !keys.has(v))).toEqual([]);
  });

  it('local and self-hosted servers take no key and are left out of nightly syncs', async () => {
    const servers = (await committedProviders()).filter((p) =>
      p.metadata?.tags?.some((t) => t === 'local' || t === 'self-hosted'),
    );
    expect(servers.length).toBeGreaterThan(0);
    for (const p of servers) {
      expect({ id: p.id, authentication: p.authentication, enabled: p.models_api?.enabled }).toEqual({
        id: p.id,
        authentication: 'NONE',
        enabled: false,
      });
      expect(p.models_api?.update_frequency).toBe('manual');
    }
  });

  it('providers needing cloud credentials have no enabled models_api', async () => {
    const cloud = (await committedProviders()).filter((p) => p.authentication === 'CLOUD_CREDENTIALS');
    expect(cloud.filter((p) => p.models_api?.enabled).map((p) => p.id)).toEqual([]);
  });

  it('every enabled list-models endpoint names one of the transformers', async () => {
    const missing = (await committedProviders())
      .filter((p) => p.models_api?.enabled)
      .flatMap((p) => (p.models_api?.endpoints ?? []).filter((e) => !e.transformer).map((e) => `${p.id} ${e.url}`));
    expect(missing).toEqual([]);
  });

  it('Anthropic and Gemini endpoints send the key in their own headers', async () => {
    for (const p of await committedProviders()) {
      for (const e of p.models_api?.endpoints ?? []) {
        if (e.transformer === 'anthropic') {
          expect(e.auth).toEqual({ header_name: 'x-api-key', prefix: '' });
          expect(e.headers).toEqual({ 'anthropic-version': '2023-06-01' });
        }
        if (e.transformer === 'gemini') expect(e.auth).toEqual({ header_name: 'x-goog-api-key', prefix: '' });
      }
    }
  });

  it('each provider has a unique key variable', async () => {
    const vars = (await committedProviders()).filter((p) => p.authentication !== 'NONE').map((p) => p.api_key_env);
    const defined = vars.filter((v): v is string => v !== undefined);
    expect(new Set(defined).size).toBe(defined.length);
  });
});
