/** Regenerates data/schema/*.json from the Zod schemas. A test fails while these are stale. */
import { join } from 'node:path';
import { generatedJsonSchemas, writeFileAtomic } from '@llm-catalog/catalog';

const dataDir = process.argv[2] ?? join(import.meta.dirname, '..', 'data');
for (const [rel, text] of Object.entries(generatedJsonSchemas())) {
  await writeFileAtomic(join(dataDir, rel), text);
  console.log(`wrote ${join(dataDir, rel)}`);
}
