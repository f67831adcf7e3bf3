import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIntegrity } from '../integrity.ts';
import { generatedJsonSchemas } from '../json-schema.ts';
import { type CatalogProblem, entryLabel, errorsOf, fileName } from '../problems.ts';
import { DATA_FILE_KINDS, type DataFileKind } from '../schema/files.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import type { Provider } from '../schema/provider.ts';
import { type Catalog, type InspectedCatalog, inspectCatalog } from './read.ts';

// Ids must be lowercase: the fixed entry will most likely carry the lowercase spelling.
const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value.toLowerCase() : fallback);

/** The identity of an entry that failed its schema: what other entries may refer to it by. */
function stubOf(kind: DataFileKind, entry: unknown, index: number): Provider | Model | Override {
  const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
  const placeholder = `\u0000rejected-${index}`;
  if (kind === 'providers') return { id: text(e.id, placeholder), name: 'rejected', authentication: 'NONE', formats: [] };
  if (kind === 'models') return { id: text(e.id, placeholder) };
  return {
    provider_id: text(e.provider_id, placeholder),
    model_id: text(e.model_id, placeholder),
    priority: typeof e.priority === 'number' ? e.priority : 0,
  };
}

/**
 * The cross-file problems of a catalog in which some entries failed their schema. Each failed entry
 * is stood in for by its identity at its own place in the file, so references to it are not
 * reported as unknown and every other entry keeps its index; problems of the stand-ins themselves
 * are left out (their schema errors say what is wrong).
 */
function integrityBesideSchemaErrors(inspected: InspectedCatalog): CatalogProblem[] {
  const stubs = new Set<string>();
  const positional = {} as Record<DataFileKind, unknown[]>;
  for (const kind of DATA_FILE_KINDS) {
    const valid = inspected.catalog[kind] as unknown[];
    const rejected = new Map(inspected.rejected[kind].map((r) => [r.index, r.entry]));
    let nextValid = 0;
    positional[kind] = Array.from({ length: valid.length + rejected.size }, (_, index) => {
      if (!rejected.has(index)) return valid[nextValid++];
      const stub = stubOf(kind, rejected.get(index), index);
      stubs.add(`${fileName(kind)}\u0000${entryLabel(kind, index, stub)}`);
      return stub;
    });
  }
  return checkIntegrity(positional as unknown as Catalog).filter((p) => !stubs.has(`${p.file}\u0000${p.entry ?? ''}`));
}

/** Every check on a data directory: schema per entry, integrity across files, stale JSON Schemas. */
export async function validateDataDir(dir: string): Promise<CatalogProblem[]> {
  const inspected = await inspectCatalog(dir);
  const problems = [...inspected.problems];
  // A file that could not be read at all leaves nothing to cross-check; otherwise reference problems
  // are reported beside schema errors, so the files can be fixed in one round.
  const unreadable = problems.some(
    (p) =>
      p.severity === 'error' &&
      p.entry === undefined &&
      (p.code !== 'schema' || p.field === undefined || (DATA_FILE_KINDS as string[]).includes(p.field)),
  );
  if (errorsOf(problems).length === 0) problems.push(...checkIntegrity(inspected.catalog));
  else if (!unreadable) problems.push(...integrityBesideSchemaErrors(inspected));
  for (const [rel, expected] of Object.entries(generatedJsonSchemas())) {
    const actual = await readFile(join(dir, rel), 'utf8').catch(() => undefined);
    if (actual !== expected) {
      problems.push({
        severity: 'warning',
        code: 'stale-json-schema',
        file: rel,
        message:
          actual === undefined ? 'missing; run `pnpm schema`' : 'out of date with the Zod schemas; run `pnpm schema`',
      });
    }
  }
  return problems;
}
