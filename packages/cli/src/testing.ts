/** Helpers for tests that drive the CLI and need a throwaway data directory. Not part of the public API. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Catalog,
  type DataFileKind,
  generatedJsonSchemas,
  writeCatalog,
  writeFileAtomic,
} from '@llm-catalog/catalog';
import { runCli } from './program.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output; `env` replaces the environment entirely. */
export async function runCliCaptured(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; isTTY?: boolean; columns?: number; programName?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? false,
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.programName ? { programName: options.programName } : {}),
  });
  return { code, stdout, stderr };
}

export interface TempDataDir {
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * A fresh data directory holding the given catalog, written by the real writer (so it is in
 * canonical form) together with the generated JSON Schemas.
 */
export async function makeTempDataDir(catalog: Partial<Catalog> = {}, version = '2026.01.01'): Promise<TempDataDir> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-'));
  const dir = join(root, 'data');
  const full: Catalog = { providers: [], models: [], overrides: [], ...catalog };
  const date = new Date(`${version.replace(/\./g, '-')}T00:00:00Z`);
  await writeCatalog(dir, full, {} as Record<DataFileKind, never>, date);
  for (const [rel, text] of Object.entries(generatedJsonSchemas())) await writeFileAtomic(join(dir, rel), text);
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
