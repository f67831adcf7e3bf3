import { z } from 'zod';
import { DATA_FILE_KINDS, type DataFileKind, FILE_SCHEMAS } from './schema/files.ts';
import { stableJson } from './canonical.ts';

const TITLES: Record<DataFileKind, string> = {
  providers: 'llm-catalog providers.json',
  models: 'llm-catalog models.json',
  overrides: 'llm-catalog overrides.json',
};

/** The JSON Schema of one data file, generated from its Zod schema (the authored, input shape). */
export function jsonSchemaOf(kind: DataFileKind): string {
  const schema = z.toJSONSchema(FILE_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' });
  return stableJson({ ...schema, title: TITLES[kind] });
}

/** Every generated JSON Schema, keyed by its path relative to the data directory. */
export function generatedJsonSchemas(): Record<string, string> {
  return Object.fromEntries(DATA_FILE_KINDS.map((k) => [`schema/${k}.schema.json`, jsonSchemaOf(k)]));
}
