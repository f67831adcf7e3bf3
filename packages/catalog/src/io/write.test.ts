import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { sampleCatalog } from '@llm-catalog/testkit/catalog';
import { type Catalog, readCatalog } from './read.ts';
import {
  CatalogWriteError,
  planCatalogWrite,
  serializeDataFile,
  versionForDate,
  writeCatalog,
  writeFileAtomic,
} from './write.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function emptyDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-write-'));
  roots.push(root);
  return join(root, 'data');
}

const FIRST = new Date('2026-01-01T12:00:00Z');
const LATER = new Date('2026-02-15T12:00:00Z');

async function writeFresh(catalog: Catalog): Promise<string> {
  const dir = await emptyDir();
  await writeCatalog(dir, catalog, {}, FIRST);
  return dir;
}

/** The entry a test is about; the sample catalog always has it. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the sample catalog lacks an entry this test needs');
  return value;
}

const read = (dir: string, name: string) => readFile(join(dir, name), 'utf8');
const readAll = async (dir: string) =>
  Object.fromEntries(
    await Promise.all(['providers.json', 'models.json', 'overrides.json'].map(async (f) => [f, await read(dir, f)])),
  );

/** A copy with every list and set-list reversed: same content, different order. */
function shuffled(catalog: Catalog): Catalog {
  const copy = structuredClone(catalog);
  copy.providers.reverse();
  copy.models.reverse();
  copy.overrides.reverse();
  for (const m of copy.models) m.capabilities?.reverse();
  for (const p of copy.providers) p.supported_endpoints?.reverse();
  return copy;
}

describe('writing the catalog', () => {
  it('reading then writing an unchanged catalog is byte-identical and writes nothing', async () => {
    const dir = await writeFresh(sampleCatalog());
    const before = await readAll(dir);
    const { catalog, files } = await readCatalog(dir);
    expect(planCatalogWrite(catalog, files, LATER).map((f) => f.changed)).toEqual([false, false, false]);
    expect(await writeCatalog(dir, catalog, files, LATER)).toEqual([]);
    expect(await readAll(dir)).toEqual(before);
  });

  it('the same content in any order serializes to the same bytes', async () => {
    const a = await readAll(await writeFresh(sampleCatalog()));
    const b = await readAll(await writeFresh(shuffled(sampleCatalog())));
    expect(b).toEqual(a);
  });

  it('an envelope starts with $schema and version, and ends with a newline', async () => {
    const text = await read(await writeFresh(sampleCatalog()), 'models.json');
    expect(text.startsWith('{\n  "$schema": "./schema/models.schema.json",\n  "version": "2026.01.01",\n  "models": [\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('identity keys lead each entry, the other keys follow alphabetically', async () => {
    const dir = await writeFresh(sampleCatalog());
    const providers = JSON.parse(await read(dir, 'providers.json')).providers;
    expect(Object.keys(providers.find((p: { id: string }) => p.id === 'openai'))).toEqual([
      'id',
      'name',
      'api_compatibility',
      'api_key_env',
      'authentication',
      'formats',
      'metadata',
      'models_api',
      'supported_endpoints',
    ]);
    const overrides = JSON.parse(await read(dir, 'overrides.json')).overrides as Override[];
    const withPricing = overrides.find((o) => o.provider_id === 'openrouter' && o.model_id === 'gpt-4o');
    expect(Object.keys(withPricing ?? {})).toEqual(['provider_id', 'model_id', 'provider_model_id', 'priority', 'pricing']);
    const models = JSON.parse(await read(dir, 'models.json')).models as Model[];
    expect(Object.keys(models.find((m) => m.id === 'gpt-4o')?.pricing?.input ?? {})).toEqual([
      'currency',
      'per_million_tokens',
    ]);
  });

  it('providers and models are sorted by id, overrides by provider, model and priority', async () => {
    const dir = await writeFresh(shuffled(sampleCatalog()));
    const ids = (json: string, key: string) => JSON.parse(json)[key].map((e: { id: string }) => e.id);
    expect(ids(await read(dir, 'providers.json'), 'providers')).toEqual(['anthropic', 'groq', 'openai', 'openrouter']);
    expect(ids(await read(dir, 'models.json'), 'models')).toEqual([
      'claude-sonnet-4.5',
      'gpt-4-turbo',
      'gpt-4o',
      'llama-3.3-70b-versatile',
      'text-embedding-3-small',
    ]);
    const overrides = JSON.parse(await read(dir, 'overrides.json')).overrides as Override[];
    expect(overrides.map((o) => `${o.provider_id}/${o.model_id}@${o.priority}`)).toEqual([
      'anthropic/claude-sonnet-4.5@0',
      'groq/llama-3.3-70b-versatile@0',
      'openai/gpt-4-turbo@100',
      'openai/gpt-4o@0',
      'openai/text-embedding-3-small@0',
      'openrouter/claude-sonnet-4.5@0',
      'openrouter/claude-sonnet-4.5@100',
      'openrouter/gpt-4-turbo@0',
      'openrouter/gpt-4o@0',
    ]);
  });

  it('set-lists are sorted; ordered lists such as formats keep their order', async () => {
    const catalog = sampleCatalog();
    must(catalog.providers.find((p) => p.id === 'openai')).formats = [
      { format: 'OPENAI', base_url: 'https://b.test/v1', default: true },
      { format: 'ANTHROPIC', base_url: 'https://a.test', default: false },
    ];
    const dir = await writeFresh(catalog);
    const openai = JSON.parse(await read(dir, 'providers.json')).providers.find((p: { id: string }) => p.id === 'openai');
    expect(openai.supported_endpoints).toEqual(['CHAT_COMPLETIONS', 'EMBEDDINGS', 'RESPONSES']);
    expect(openai.formats.map((f: { format: string }) => f.format)).toEqual(['OPENAI', 'ANTHROPIC']);
    const gpt = JSON.parse(await read(dir, 'models.json')).models.find((m: Model) => m.id === 'gpt-4o');
    expect(gpt.capabilities).toEqual(['FUNCTION_CALL', 'IMAGE_RECOGNITION', 'STRUCTURED_OUTPUT']);
    expect(gpt.input_modalities).toEqual(['IMAGE', 'TEXT']);
    const manual = JSON.parse(await read(dir, 'overrides.json')).overrides.find(
      (o: Override) => o.provider_id === 'openrouter' && o.priority === 100,
    );
    expect(manual.reasoning.effort_levels).toEqual(['high', 'low', 'medium']);
  });

  it('prices are rounded so float noise never reaches a file; other numbers are untouched', async () => {
    const catalog = sampleCatalog();
    must(catalog.models.find((m) => m.id === 'gpt-4o')).pricing = {
      input: { per_million_tokens: 0.1 + 0.2, currency: 'USD' },
      output: { per_million_tokens: 0.8999999999999999, currency: 'USD' },
      per_image: { price: 0.1 + 0.7, currency: 'USD' },
    };
    const dir = await writeFresh(catalog);
    const text = await read(dir, 'models.json');
    expect(text).toContain('"per_million_tokens": 0.3\n');
    expect(text).toContain('"per_million_tokens": 0.9\n');
    expect(text).toContain('"price": 0.8\n');
    expect(text).not.toMatch(/0000000|9999999/);
  });

  it('keys whose value is undefined are left out', () => {
    const model = { id: 'm', name: undefined, context_window: 10 } as Model;
    expect(serializeDataFile('models', [model], '2026.01.01')).not.toContain('name');
  });

  it('a changed file gets the given date as version; unchanged files keep theirs and are not written', async () => {
    const dir = await writeFresh(sampleCatalog());
    const { catalog: read, files } = await readCatalog(dir);
    // Read entries are never changed in place (the writer compares with them): a change is a copy.
    const catalog = {
      ...read,
      overrides: read.overrides.map((o) =>
        o.provider_id === 'groq' ? { ...o, pricing: { ...o.pricing, input: { ...must(o.pricing?.input), per_million_tokens: 0.69 } } } : o,
      ),
    };
    const before = await readAll(dir);

    expect(await writeCatalog(dir, catalog, files, LATER)).toEqual(['overrides']);
    const after = await readAll(dir);
    expect(JSON.parse(after['overrides.json']).version).toBe('2026.02.15');
    expect(after['providers.json']).toBe(before['providers.json']);
    expect(after['models.json']).toBe(before['models.json']);
  });

  it('a hand edit that only reorders a file is rewritten canonically but keeps its version', async () => {
    const dir = await writeFresh(sampleCatalog());
    const canonical = await read(dir, 'models.json');
    const envelope = JSON.parse(canonical);
    envelope.models.reverse();
    await writeFile(join(dir, 'models.json'), JSON.stringify(envelope, null, 4));

    const { catalog, files } = await readCatalog(dir);
    expect(await writeCatalog(dir, catalog, files, LATER)).toEqual(['models']);
    expect(await read(dir, 'models.json')).toBe(canonical);
  });

  it('a file that did not exist is written with the given date', async () => {
    const dir = await writeFresh(sampleCatalog());
    const { catalog, files } = await readCatalog(dir);
    const planned = planCatalogWrite(catalog, { ...files, models: {} }, LATER);
    expect(planned.map((f) => [f.kind, f.changed])).toEqual([
      ['providers', false],
      ['models', true],
      ['overrides', false],
    ]);
    expect(JSON.parse(must(planned[1]).text).version).toBe('2026.02.15');
  });

  it('the version is the UTC date', () => {
    expect(versionForDate(new Date('2026-03-04T23:30:00-05:00'))).toBe('2026.03.05');
  });
});

describe('atomic writes', () => {
  it('leaves only the data files behind, no temp files', async () => {
    const dir = await writeFresh(sampleCatalog());
    const { catalog, files } = await readCatalog(dir);
    must(catalog.models[0]).name = 'Renamed';
    await writeCatalog(dir, catalog, files, LATER);
    expect((await readdir(dir)).sort()).toEqual(['models.json', 'overrides.json', 'providers.json']);
  });

  it('replaces an existing file and creates missing directories', async () => {
    const dir = await emptyDir();
    const path = join(dir, 'nested', 'file.json');
    await writeFileAtomic(path, 'old\n');
    await writeFileAtomic(path, 'new\n');
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect(await readdir(join(dir, 'nested'))).toEqual(['file.json']);
  });

  it('writes a text larger than one slice whole, a surrogate pair across the slice boundary included', async () => {
    const dir = await emptyDir();
    const path = join(dir, 'large.json');
    const text = `${'a'.repeat((1 << 22) - 1)}\u{1F600}é${'b'.repeat(1 << 22)}\n`;
    await writeFileAtomic(path, text);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('a changed file is written once with its new version; the same entries in another layout keep theirs', async () => {
    const dir = await writeFresh(sampleCatalog());
    const { catalog, files } = await readCatalog(dir);
    const reordered = { ...files.overrides, text: JSON.stringify(JSON.parse(must(files.overrides.text))) };
    const [, , overrides] = planCatalogWrite(catalog, { ...files, overrides: reordered }, LATER);
    expect(overrides?.changed).toBe(true);
    expect(overrides?.text).toBe(files.overrides.text);
    const fewer = { ...catalog, overrides: catalog.overrides.slice(1) };
    const [, , changed] = planCatalogWrite(fewer, files, LATER);
    expect(JSON.parse(must(changed?.text)).version).toBe('2026.02.15');
  });

  it('a failed rename removes the temp file and leaves the target as it was', async () => {
    const dir = await emptyDir();
    const target = join(dir, 'models.json');
    await mkdir(join(target, 'occupied'), { recursive: true });
    await expect(writeFileAtomic(target, '{}\n')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['models.json']);
    expect(await readdir(target)).toEqual(['occupied']);
  });

  it('a failed write removes the temp file', async () => {
    const dir = await emptyDir();
    await mkdir(dir, { recursive: true });
    // Not text: writing it throws after the temp file was opened.
    const notText = Symbol('not text') as unknown as string;
    await expect(writeFileAtomic(join(dir, 'models.json'), notText)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failed write puts back the files it replaced, providers.json (last_synced) is never written first', async () => {
    const dir = await writeFresh(sampleCatalog());
    const { catalog, files } = await readCatalog(dir);
    const before = Object.fromEntries(
      await Promise.all(['providers.json', 'models.json'].map(async (f) => [f, await readFile(join(dir, f), 'utf8')])),
    );
    const changed: Catalog = {
      providers: catalog.providers.map((p) => ({ ...p, name: `${p.name} renamed` })),
      models: catalog.models.map((m) => ({ ...m, name: 'Renamed' })),
      overrides: catalog.overrides.map((o) => ({ ...o, reason: 'changed' })),
    };
    // overrides.json cannot be replaced: a directory with content sits where the file goes.
    await rm(join(dir, 'overrides.json'));
    await mkdir(join(dir, 'overrides.json', 'occupied'), { recursive: true });
    const error = await writeCatalog(dir, changed, files, LATER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogWriteError);
    expect((error as CatalogWriteError).message).toMatch(
      /^could not write overrides\.json \(.+\); nothing was written \(files already replaced were restored\)$/,
    );
    expect((error as CatalogWriteError).kept).toEqual([]);
    for (const [f, text] of Object.entries(before)) expect(await readFile(join(dir, f), 'utf8'), f).toBe(text);
    expect((await readdir(dir)).sort()).toEqual(['models.json', 'overrides.json', 'providers.json']);
  });
});

describe('writing a large file in pieces', () => {
  it('the pieces of a planned file make exactly its text, for lists around the piece size', () => {
    const override = (i: number): Override => ({
      provider_id: 'acme',
      model_id: `m-${String(i).padStart(5, '0')}`,
      priority: 50,
      pricing: { input: { per_million_tokens: 0.15, currency: 'USD' } },
      provenance: { source: 'acme' },
      ...(i % 7 === 0 ? { reason: 'naïve “quotes” \u{1F600}' } : {}),
    });
    for (const count of [0, 1, 999, 1000, 1001, 2500]) {
      const catalog = { providers: [], models: [], overrides: Array.from({ length: count }, (_, i) => override(i)) };
      const [, , planned] = planCatalogWrite(catalog, {}, LATER);
      const pieces = [...must(planned).pieces()];
      expect(pieces.join('')).toBe(serializeDataFile('overrides', catalog.overrides, '2026.02.15'));
      if (count > 1000) expect(pieces.length).toBeGreaterThan(2);
    }
  });
});
