import { z } from 'zod';
import { DATA_FILE_KINDS, FILE_SCHEMAS, type FileKind } from './schema/files.ts';
import { stableJson } from './canonical.ts';

const TITLES: Record<FileKind, string> = {
  providers: 'llm-catalog providers.json',
  models: 'llm-catalog models.json',
  overrides: 'llm-catalog overrides.json',
  links: 'llm-catalog links.json',
};

/** The JSON Schema of one data file, generated from its Zod schema (the authored, input shape). */
export function jsonSchemaOf(kind: FileKind): string {
  const schema = z.toJSONSchema(FILE_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' });
  return stableJson({ ...schema, title: TITLES[kind] });
}

/** Every generated JSON Schema, keyed by its path relative to the data directory. */
export function generatedJsonSchemas(): Record<string, string> {
  const kinds: FileKind[] = [...DATA_FILE_KINDS, 'links'];
  return Object.fromEntries(kinds.map((k) => [`schema/${k}.schema.json`, jsonSchemaOf(k)]));
}
