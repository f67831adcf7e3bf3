import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedJsonSchemas } from './json-schema.ts';
import { DATA_FILE_KINDS, DATA_FILES } from './schema/files.ts';
import { schemaRefOf } from './io/write.ts';

const DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

describe('generated JSON Schemas', () => {
  it.each(Object.keys(generatedJsonSchemas()))('data/%s is up to date with the Zod schemas (else run `pnpm schema`)', async (rel) => {
    const committed = await readFile(join(DATA_DIR, rel), 'utf8');
    expect(committed).toBe(generatedJsonSchemas()[rel]);
  });

  it.each(DATA_FILE_KINDS)('the %s schema describes the strict envelope', (kind) => {
    const schema = JSON.parse(generatedJsonSchemas()[`schema/${kind}.schema.json`] ?? 'null');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['version', kind]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties[kind].type).toBe('array');
  });

  it.each(DATA_FILE_KINDS)('data/%s names its generated schema in $schema', async (kind) => {
    const file = JSON.parse(await readFile(join(DATA_DIR, DATA_FILES[kind]), 'utf8'));
    expect(file.$schema).toBe(schemaRefOf(kind));
    expect(Object.keys(generatedJsonSchemas())).toContain(file.$schema.replace(/^\.\//, ''));
  });
});
