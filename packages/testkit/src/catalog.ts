/** Throwaway data directories and a realistic catalog, for tests of every package. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Catalog,
  DATA_FILE_KINDS,
  DATA_FILES,
  type DataFileKind,
  generatedJsonSchemas,
  writeCatalog,
  writeFileAtomic,
} from '@llm-catalog/catalog';

export const TEST_VERSION = '2026.01.01';

export interface RawDataDir {
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * A data directory holding hand-written files, written verbatim so tests can put anything on disk.
 * Per kind: a string is the file's exact text, an array becomes the entries of a well-formed
 * envelope, `undefined` an empty envelope; kinds in `omit` get no file at all.
 */
export async function makeRawDataDir(
  files: Partial<Record<DataFileKind, string | unknown[]>> = {},
  options: { omit?: DataFileKind[]; schemas?: boolean } = {},
): Promise<RawDataDir> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-test-'));
  const dir = join(root, 'data');
  for (const kind of DATA_FILE_KINDS) {
    if (options.omit?.includes(kind)) continue;
    const content = files[kind];
    const text =
      typeof content === 'string'
        ? content
        : `${JSON.stringify({ version: TEST_VERSION, [kind]: content ?? [] }, null, 2)}\n`;
    await writeFileAtomic(join(dir, DATA_FILES[kind]), text);
  }
  if (options.schemas !== false) {
    for (const [rel, text] of Object.entries(generatedJsonSchemas())) await writeFileAtomic(join(dir, rel), text);
  }
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * A small but realistic catalog: several providers of different kinds, models with prices, aliases
 * and provenance, auto and manual overrides. Valid, with no integrity problems. A fresh copy each call.
 */
export function sampleCatalog(): Catalog {
  return {
    providers: [
      {
        id: 'openai',
        name: 'OpenAI',
        authentication: 'API_KEY',
        api_key_env: 'OPENAI_API_KEY',
        formats: [{ format: 'OPENAI', base_url: 'https://api.openai.com/v1', default: true }],
        supported_endpoints: ['RESPONSES', 'CHAT_COMPLETIONS', 'EMBEDDINGS'],
        api_compatibility: { supports_developer_role: true, supports_stream_options: true },
        metadata: { tags: ['official'] },
        models_api: {
          enabled: true,
          update_frequency: 'daily',
          endpoints: [
            {
              url: 'https://api.openai.com/v1/models',
              endpoint_type: 'CHAT_COMPLETIONS',
              format: 'OPENAI',
              transformer: 'openai',
            },
          ],
        },
      },
      {
        id: 'anthropic',
        name: 'Anthropic',
        authentication: 'API_KEY',
        formats: [{ format: 'ANTHROPIC', base_url: 'https://api.anthropic.com', default: true }],
        metadata: { tags: ['official'] },
        models_api: {
          enabled: true,
          update_frequency: 'daily',
          endpoints: [
            {
              url: 'https://api.anthropic.com/v1/models',
              endpoint_type: 'MESSAGES',
              format: 'ANTHROPIC',
              transformer: 'anthropic',
              auth: { header_name: 'x-api-key', prefix: '' },
              headers: { 'anthropic-version': '2023-06-01' },
            },
          ],
        },
      },
      {
        id: 'openrouter',
        name: 'OpenRouter',
        authentication: 'API_KEY',
        formats: [{ format: 'OPENAI', base_url: 'https://openrouter.ai/api/v1', default: true }],
        metadata: { tags: ['aggregator'] },
      },
      {
        id: 'groq',
        name: 'Groq',
        authentication: 'API_KEY',
        formats: [{ format: 'OPENAI', base_url: 'https://api.groq.com/openai/v1', default: true }],
        metadata: { tags: ['cloud'] },
      },
    ],
    models: [
      {
        id: 'gpt-4o',
        name: 'GPT-4o',
        owned_by: 'openai',
        capabilities: ['STRUCTURED_OUTPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        input_modalities: ['TEXT', 'IMAGE'],
        output_modalities: ['TEXT'],
        context_window: 128000,
        max_output_tokens: 16384,
        pricing: {
          input: { per_million_tokens: 2.5, currency: 'USD' },
          output: { per_million_tokens: 10, currency: 'USD' },
          cache_read: { per_million_tokens: 1.25, currency: 'USD' },
        },
        release_date: '2024-05-13',
        aliases: ['gpt-4o-2024-08-06'],
        metadata: { source: 'openai', provenance: { context_window: { source: 'openrouter' } } },
      },
      {
        id: 'claude-sonnet-4.5',
        name: 'Claude Sonnet 4.5',
        owned_by: 'anthropic',
        capabilities: ['REASONING', 'FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        context_window: 200000,
        max_output_tokens: 64000,
        pricing: {
          input: { per_million_tokens: 3, currency: 'USD' },
          output: { per_million_tokens: 15, currency: 'USD' },
          cache_write: { per_million_tokens: 3.75, currency: 'USD' },
        },
        aliases: ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
        metadata: { source: 'anthropic' },
      },
      {
        id: 'llama-3.3-70b-versatile',
        owned_by: 'meta',
        context_window: 131072,
        max_output_tokens: 32768,
        open_weights: true,
      },
      {
        id: 'text-embedding-3-small',
        owned_by: 'openai',
        capabilities: ['EMBEDDING'],
        pricing: { input: { per_million_tokens: 0.02, currency: 'USD' } },
      },
      {
        id: 'gpt-4-turbo',
        owned_by: 'openai',
        deprecation_date: '2025-07',
        replaced_by: 'gpt-4o',
      },
    ],
    overrides: [
      { provider_id: 'openai', model_id: 'gpt-4o', priority: 0 },
      { provider_id: 'openai', model_id: 'text-embedding-3-small', priority: 0 },
      {
        provider_id: 'openai',
        model_id: 'gpt-4-turbo',
        priority: 100,
        reason: 'retired from the API',
        disabled: true,
        replace_with: 'gpt-4o',
      },
      { provider_id: 'anthropic', model_id: 'claude-sonnet-4.5', priority: 0, provider_model_id: 'claude-sonnet-4-5' },
      {
        provider_id: 'openrouter',
        model_id: 'gpt-4o',
        provider_model_id: 'openai/gpt-4o',
        priority: 0,
        pricing: { input: { per_million_tokens: 2.75, currency: 'USD' } },
      },
      { provider_id: 'openrouter', model_id: 'gpt-4-turbo', provider_model_id: 'openai/gpt-4-turbo', priority: 0 },
      {
        provider_id: 'openrouter',
        model_id: 'claude-sonnet-4.5',
        provider_model_id: 'anthropic/claude-sonnet-4.5',
        priority: 0,
        capabilities: { remove: ['REASONING'] },
      },
      {
        provider_id: 'openrouter',
        model_id: 'claude-sonnet-4.5',
        priority: 100,
        reason: 'reasoning works through the reasoning parameter',
        capabilities: { add: ['REASONING'] },
        reasoning: { supported: true, effort_levels: ['low', 'high', 'medium'] },
      },
      {
        provider_id: 'groq',
        model_id: 'llama-3.3-70b-versatile',
        priority: 0,
        limits: { max_output_tokens: 32768 },
        pricing: {
          input: { per_million_tokens: 0.59, currency: 'USD' },
          output: { per_million_tokens: 0.79, currency: 'USD' },
        },
      },
    ],
  };
}

export interface TempDataDir {
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * A fresh data directory holding the given catalog, written by the real writer (so it is in
 * canonical form) together with the generated JSON Schemas.
 */
export async function makeTempDataDir(catalog: Partial<Catalog> = {}, version = '2026.01.01'): Promise<TempDataDir> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-'));
  const dir = join(root, 'data');
  const full: Catalog = { providers: [], models: [], overrides: [], ...catalog };
  const date = new Date(`${version.replace(/\./g, '-')}T00:00:00Z`);
  await writeCatalog(dir, full, {} as Record<DataFileKind, never>, date);
  for (const [rel, text] of Object.entries(generatedJsonSchemas())) await writeFileAtomic(join(dir, rel), text);
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
