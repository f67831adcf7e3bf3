/**
 * Takes a data directory back to its seed: the entries a person wrote. What sources wrote (providers
 * a reference source added, base models a source created, auto overrides) is dropped, so that
 * `scripts/build-data.sh` can rebuild it from recorded bodies and get the same bytes every time.
 * A base model a person's override points at is kept. Usage: seed-data.ts DATA_DIR
 */
import { join } from 'node:path';
import {
  canonicalModels,
  canonicalOverrides,
  canonicalProviders,
  DATA_FILE_KINDS,
  fileName,
  readCatalog,
  seedOf,
  serializeDataFile,
  writeFileAtomic,
} from '@llm-catalog/catalog';

async function main(dir: string): Promise<void> {
  const { catalog, files } = await readCatalog(dir);
  const seed = seedOf(catalog);
  const lists = {
    providers: canonicalProviders(seed.providers),
    models: canonicalModels(seed.models),
    overrides: canonicalOverrides(seed.overrides),
  } as Record<string, unknown[]>;
  for (const kind of DATA_FILE_KINDS) {
    const list = lists[kind];
    const version = files[kind]?.version;
    // Only the source-written files are reset; any other (a person's) is left as it is.
    if (!list || !version) continue;
    await writeFileAtomic(join(dir, fileName(kind)), serializeDataFile(kind, list, version));
  }
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: seed-data.ts DATA_DIR\n');
  process.exit(2);
}
await main(dir);
