#!/usr/bin/env node
/**
 * Part of `@llm-catalog/catalog`'s build: copies the committed data files and their JSON Schemas
 * into `dist/data/`, where the compiled library looks for the catalog it ships with.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const target = join(repoRoot, 'packages', 'catalog', 'dist', 'data');
rmSync(target, { recursive: true, force: true });
cpSync(join(repoRoot, 'data'), target, {
  recursive: true,
  filter: (src) => !/\.tmp-|\.catalog\.lock$/.test(src),
});
