import { afterEach, describe, expect, it } from 'vitest';
import { CatalogLoadError, type CatalogProblem } from '../problems.ts';
import type { DataFileKind } from '../schema/files.ts';
import { makeRawDataDir, type RawDataDir, sampleCatalog, TEST_VERSION } from '@llm-catalog/testkit/catalog';
import { inspectCatalog, readCatalog } from './read.ts';

const dirs: RawDataDir[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});

async function dataDir(
  files: Partial<Record<DataFileKind, string | unknown[]>>,
  options?: { omit?: DataFileKind[] },
): Promise<string> {
  const d = await makeRawDataDir(files, options);
  dirs.push(d);
  return d.dir;
}

async function problemsOf(files: Partial<Record<DataFileKind, string | unknown[]>>): Promise<CatalogProblem[]> {
  return (await inspectCatalog(await dataDir(files))).problems;
}

/** Where a problem points, without the code and severity. */
const where = ({ file, entry, field, message }: CatalogProblem) => ({ file, entry, field, message });

const provider = (extra: Record<string, unknown> = {}) => ({
  id: 'acme',
  name: 'Acme',
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: 'https://api.acme.test/v1', default: true }],
  ...extra,
});
const usd = (n: unknown) => ({ per_million_tokens: n, currency: 'USD' });

describe('schema rules, reported per entry and field', () => {
  it('an unknown key in a strict object names the key as the field', async () => {
    const problems = await problemsOf({
      providers: [provider({ homepage: 'https://acme.test' })],
      models: [{ id: 'm', pricing: { input: { ...usd(1), tier: 'standard' } } }],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'providers.json',
        entry: 'providers[0] "acme"',
        field: 'homepage',
        message: 'unknown key "homepage"',
      },
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'pricing.input.tier',
        message: 'unknown key "tier"',
      },
    ]);
  });

  it('an unknown key deep inside models_api is located by its full path', async () => {
    const problems = await problemsOf({
      providers: [
        provider({
          models_api: {
            enabled: true,
            update_frequency: 'daily',
            endpoints: [
              { url: 'https://api.acme.test/v1/models', endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transfomer: 'openai' },
            ],
          },
        }),
      ],
    });
    expect(problems.map((p) => p.field)).toEqual(['models_api.endpoints[0].transfomer']);
  });

  it('metadata accepts keys the schema does not know, on providers and models', async () => {
    const problems = await problemsOf({
      providers: [provider({ metadata: { tags: ['cloud'], region: 'eu-west' } })],
      models: [{ id: 'm', metadata: { source: 'acme', huggingface_repo: 'acme/m', tiers: [1, 2] } }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    expect(problems).toEqual([]);
  });

  it('an unknown capability names its position in the list and the value', async () => {
    const problems = await problemsOf({ models: [{ id: 'm', capabilities: ['FUNCTION_CALL', 'TELEPATHY'] }] });
    expect(problems.map(where)).toEqual([
      { file: 'models.json', entry: 'models[0] "m"', field: 'capabilities[1]', message: 'unknown capability, got "TELEPATHY"' },
    ]);
  });

  it.each([
    ['uppercase', 'GPT-4o', 'id must be lowercase'],
    ['whitespace', 'gpt 4o', 'id must not contain whitespace or control characters'],
    ['a control character', 'gpt-4o\u0000', 'id must not contain whitespace or control characters'],
  ])('a model id with %s is rejected at field id', async (_what, id, message) => {
    const problems = await problemsOf({ models: [{ id }] });
    expect(problems.map(where)).toEqual([
      { file: 'models.json', entry: `models[0] "${id}"`, field: 'id', message },
    ]);
  });

  it('a bad id in an override reference is rejected too', async () => {
    const problems = await problemsOf({ overrides: [{ provider_id: 'Acme', model_id: 'M', priority: 0 }] });
    expect(problems.map((p) => [p.entry, p.field])).toEqual([
      ['overrides[0] Acme/M (priority 0)', 'provider_id'],
      ['overrides[0] Acme/M (priority 0)', 'model_id'],
    ]);
  });

  it('0 is never a limit, in a model or an override', async () => {
    const problems = await problemsOf({
      models: [{ id: 'm', context_window: 0 }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0, limits: { max_output_tokens: 0 } }],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'context_window',
        message: 'must be > 0 (omit the field when the limit is unknown)',
      },
      {
        file: 'overrides.json',
        entry: 'overrides[0] acme/m (priority 0)',
        field: 'limits.max_output_tokens',
        message: 'must be > 0 (omit the field when the limit is unknown)',
      },
    ]);
  });

  it('a negative price is rejected, a price of 0 (free) is not', async () => {
    const problems = await problemsOf({
      models: [{ id: 'm', pricing: { input: usd(0), output: usd(-1) } }],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'pricing.output.per_million_tokens',
        message: 'price must not be negative',
      },
    ]);
  });

  it('a null price in a file is not a price', async () => {
    const problems = await problemsOf({
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0, pricing: { per_request: { price: null, currency: 'USD' } } }],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[0] acme/m (priority 0)',
        field: 'pricing.per_request.price',
        message: 'price must be a number (null and NaN are not prices)',
      },
    ]);
  });

  it('empty pricing says nothing and is rejected in models and overrides', async () => {
    const problems = await problemsOf({
      models: [{ id: 'm', pricing: {} }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0, pricing: {}, limits: {} }],
    });
    expect(problems.map((p) => [p.file, p.field, p.message])).toEqual([
      ['models.json', 'pricing', 'pricing must not be empty (omit it when unknown)'],
      ['overrides.json', 'limits', 'limits must not be empty'],
      ['overrides.json', 'pricing', 'pricing must not be empty (omit it when unknown)'],
    ]);
  });

  it('max_output_tokens above context_window is rejected on a model', async () => {
    const problems = await problemsOf({ models: [{ id: 'm', context_window: 8192, max_output_tokens: 16384 }] });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'max_output_tokens',
        message: 'max_output_tokens must not exceed context_window',
      },
    ]);
  });

  it('a currency that is not an ISO 4217 code is rejected', async () => {
    const problems = await problemsOf({ models: [{ id: 'm', pricing: { output: { per_million_tokens: 1, currency: 'usd' } } }] });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'pricing.output.currency',
        message: 'currency must be an ISO 4217 code such as USD',
      },
    ]);
  });

  it('a set-list may not repeat a value', async () => {
    const problems = await problemsOf({ models: [{ id: 'm', input_modalities: ['TEXT', 'TEXT'] }] });
    expect(problems.map((p) => [p.field, p.message])).toEqual([['input_modalities', 'list must not repeat a value']]);
  });

  it.each([
    ['no format is the default', [false, false]],
    ['two formats are the default', [true, true]],
  ])('exactly one format must be the default: %s', async (_what, defaults) => {
    const formats = defaults.map((d, i) => ({ format: i ? 'ANTHROPIC' : 'OPENAI', base_url: 'https://api.acme.test', default: d }));
    const problems = await problemsOf({ providers: [provider({ formats })] });
    expect(problems.map(where)).toEqual([
      {
        file: 'providers.json',
        entry: 'providers[0] "acme"',
        field: 'formats',
        message: 'exactly one format must have default: true',
      },
    ]);
  });

  it('capabilities.force cannot be combined with add or remove', async () => {
    const problems = await problemsOf({
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'r', capabilities: { force: ['EMBEDDING'], add: ['RERANK'] } },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[0] acme/m (priority 100)',
        field: 'capabilities',
        message: 'use either force, or add/remove, not both',
      },
    ]);
  });

  it('a capability cannot be both added and removed', async () => {
    const problems = await problemsOf({
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0, capabilities: { add: ['RERANK'], remove: ['RERANK'] } }],
    });
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['capabilities', 'a capability cannot be both added and removed'],
    ]);
  });

  it('replace_with is only allowed on a disabled override', async () => {
    const problems = await problemsOf({
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 100, reason: 'r', replace_with: 'n' }],
    });
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['replace_with', 'replace_with only makes sense on a disabled override'],
    ]);
  });

  const override = (extra: Record<string, unknown>) => ({ provider_id: 'acme', model_id: 'm', priority: 0, ...extra });
  it.each([
    ['a provider without a name', { providers: [provider({ name: '' })] }, 'name', 'name must not be empty'],
    ['a provider without formats', { providers: [provider({ formats: [] })] }, 'formats', 'a provider needs at least one format'],
    [
      'an unknown authentication',
      { providers: [provider({ authentication: 'PASSWORD' })] },
      'authentication',
      'unknown authentication (API_KEY, OAUTH, CLOUD_CREDENTIALS, NONE), got "PASSWORD"',
    ],
    [
      'an unknown API format',
      { providers: [provider({ formats: [{ format: 'GRPC', base_url: 'https://a.test', default: true }] })] },
      'formats[0].format',
      'unknown format (OPENAI, ANTHROPIC, GEMINI, OLLAMA, CUSTOM), got "GRPC"',
    ],
    [
      'a last_synced that is not a date-time',
      {
        providers: [
          provider({
            models_api: {
              enabled: true,
              update_frequency: 'daily',
              last_synced: 'yesterday',
              endpoints: [{ url: 'https://a.test/models', endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI' }],
            },
          }),
        ],
      },
      'models_api.last_synced',
      'last_synced must be an ISO 8601 date-time',
    ],
    [
      'an unknown modality',
      { models: [{ id: 'm', output_modalities: ['SMELL'] }] },
      'output_modalities[0]',
      'unknown modality (TEXT, IMAGE, AUDIO, VIDEO, FILE, EMBEDDING), got "SMELL"',
    ],
    ['an empty modality list', { models: [{ id: 'm', input_modalities: [] }] }, 'input_modalities', 'Too small: expected array to have >=1 items'],
    ['an empty alias list', { models: [{ id: 'm', aliases: [] }] }, 'aliases', 'Too small: expected array to have >=1 items'],
    ['an uppercase alias', { models: [{ id: 'm', aliases: ['M-1'] }] }, 'aliases[0]', 'id must be lowercase'],
    ['a release date that is not a date', { models: [{ id: 'm', release_date: 'May 2024' }] }, 'release_date', 'date must be YYYY-MM or YYYY-MM-DD'],
    ['a fractional context window', { models: [{ id: 'm', context_window: 1000.5 }] }, 'context_window', 'must be a whole number of tokens'],
    ['a negative priority', { overrides: [override({ priority: -1 })] }, 'priority', 'priority must be >= 0'],
    ['a fractional priority', { overrides: [override({ priority: 0.5 })] }, 'priority', 'priority must be a whole number'],
    [
      'an empty capabilities.add',
      { overrides: [override({ capabilities: { add: [] } })] },
      'capabilities.add',
      'Too small: expected array to have >=1 items',
    ],
    [
      'an unknown reasoning effort',
      { overrides: [override({ reasoning: { supported: true, effort_levels: ['extreme'] } })] },
      'reasoning.effort_levels[0]',
      'Invalid option: expected one of "minimal"|"low"|"medium"|"high", got "extreme"',
    ],
    [
      'a per-image price given per million tokens',
      { overrides: [override({ pricing: { per_image: usd(0.04) } })] },
      'pricing.per_image.per_million_tokens',
      'unknown key "per_million_tokens"',
    ],
  ])('rejects %s, at its field', async (_what, files, field, message) => {
    const problems = await problemsOf(files);
    expect(problems.map((p) => [p.field, p.message])).toContainEqual([field, message]);
    expect(problems.every((p) => p.severity === 'error' && p.code === 'schema')).toBe(true);
  });

  it('an entry that is not an object is still located', async () => {
    const problems = await problemsOf({ models: [{ id: 'ok' }, null] });
    expect(problems.map((p) => p.entry)).toEqual(['models[1] "?"']);
  });

  it('an entry with a problem is left out; the valid entries are kept', async () => {
    const dir = await dataDir({ models: [{ id: 'good' }, { id: 'Bad' }, { id: 'also-good' }] });
    const inspected = await inspectCatalog(dir);
    expect(inspected.catalog.models.map((m) => m.id)).toEqual(['good', 'also-good']);
    expect(inspected.problems).toHaveLength(1);
  });

  it('problems are ordered providers, models, overrides', async () => {
    const problems = await problemsOf({
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: -1 }],
      models: [{ id: 'M' }],
      providers: [provider({ id: 'A' })],
    });
    expect(problems.map((p) => p.file)).toEqual(['providers.json', 'models.json', 'overrides.json']);
  });
});

describe('reading the files', () => {
  it('a JSON syntax error reports line and column', async () => {
    const text = ['{', `  "version": "${TEST_VERSION}",`, '  "models": [', '    { "id": "a", }', '  ]', '}', ''].join('\n');
    const problems = await problemsOf({ models: text });
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'json-syntax',
        file: 'models.json',
        message: expect.stringMatching(/^invalid JSON at line 4, column 18: /),
      },
    ]);
  });

  it('a truncated file reports the end of the file', async () => {
    const problems = await problemsOf({ overrides: `{\n  "version": "${TEST_VERSION}",\n  "overrides": [` });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^invalid JSON at line 3, column 17: /)]);
  });

  it('a missing file is reported by name', async () => {
    const dir = await dataDir({}, { omit: ['overrides'] });
    const { problems } = await inspectCatalog(dir);
    expect(problems).toEqual([
      { severity: 'error', code: 'missing-file', file: 'overrides.json', message: `file not found in ${dir}` },
    ]);
  });

  it('a missing data directory is a load error naming the directory', async () => {
    const missing = '/nonexistent/llm-catalog-test/data';
    const error = await inspectCatalog(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect((error as CatalogLoadError).problems).toEqual([
      {
        severity: 'error',
        code: 'missing-data-dir',
        file: missing,
        message: 'data directory not found (set --data or CATALOG_DATA_DIR)',
      },
    ]);
  });

  it('a bad version is reported at field version', async () => {
    const problems = await problemsOf({ models: JSON.stringify({ version: '2026-01-01', models: [] }) });
    expect(problems.map(where)).toEqual([
      { file: 'models.json', entry: undefined, field: 'version', message: 'version must be YYYY.MM.DD' },
    ]);
  });

  it('a missing list is reported at the list key', async () => {
    const problems = await problemsOf({ providers: JSON.stringify({ version: TEST_VERSION, provider: [] }) });
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['provider', 'unknown top-level key "provider"'],
      ['providers', '"providers" must be an array'],
    ]);
  });

  it('an unknown top-level key is reported; $schema is allowed', async () => {
    const problems = await problemsOf({
      overrides: JSON.stringify({ $schema: './schema/overrides.schema.json', version: TEST_VERSION, overrides: [], notes: 'x' }),
    });
    expect(problems.map(where)).toEqual([
      { file: 'overrides.json', entry: undefined, field: 'notes', message: 'unknown top-level key "notes"' },
    ]);
  });

  it('a file that is not an envelope object is reported', async () => {
    const problems = await problemsOf({ models: '[]' });
    expect(problems.map((p) => p.message)).toEqual(['expected an object { "version": ..., "models": [...] }']);
  });

  it('readCatalog throws one CatalogLoadError listing every error', async () => {
    const dir = await dataDir({ models: [{ id: 'A' }, { id: 'b', context_window: 0 }] });
    const error = await readCatalog(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    const { message, problems } = error as CatalogLoadError;
    expect(problems).toHaveLength(2);
    expect(message).toContain('(2 problems)');
    expect(message).toContain('models.json: models[0] "A": id: id must be lowercase');
    expect(message).toContain('models.json: models[1] "b": context_window: must be > 0');
  });

  it('readCatalog returns the parsed catalog with each file text and version', async () => {
    const sample = sampleCatalog();
    const dir = await dataDir({ providers: sample.providers, models: sample.models, overrides: sample.overrides });
    const { catalog, files } = await readCatalog(dir);
    expect(catalog).toEqual(sample);
    expect(files.models.version).toBe(TEST_VERSION);
    expect(files.models.text).toContain('"gpt-4o"');
  });
});
