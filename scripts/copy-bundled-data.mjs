#!/usr/bin/env node
/**
 * Part of `@llm-catalog/catalog`'s build: copies the committed data files and their JSON Schemas
 * into `dist/data/`, where the compiled library looks for the catalog it ships with. The data is
 * written without indentation: the repository keeps it readable for review, the package is read by
 * programs, and the indentation alone is a third of its size.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const target = join(repoRoot, 'packages', 'catalog', 'dist', 'data');
rmSync(target, { recursive: true, force: true });
cpSync(join(repoRoot, 'data'), target, {
  recursive: true,
  filter: (src) => !/\.tmp-|\.catalog\.lock$/.test(src),
});
for (const name of readdirSync(target)) {
  if (!name.endsWith('.json')) continue;
  const file = join(target, name);
  writeFileSync(file, `${JSON.stringify(JSON.parse(readFileSync(file, 'utf8')))}\n`);
}
