import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIntegrity } from '../integrity.ts';
import { generatedJsonSchemas } from '../json-schema.ts';
import type { CatalogProblem } from '../problems.ts';
import { inspectCatalog } from './read.ts';

/** Every check on a data directory: schema per entry, integrity across files, stale JSON Schemas. */
export async function validateDataDir(dir: string): Promise<CatalogProblem[]> {
  const inspected = await inspectCatalog(dir);
  const problems = [...inspected.problems];
  // Integrity checks on a partially parsed catalog would report ghosts of the schema errors.
  if (!problems.some((p) => p.severity === 'error')) problems.push(...checkIntegrity(inspected.catalog));
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
