import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

let tmp: TempDataDir | undefined;
afterEach(async () => {
  await tmp?.cleanup();
  tmp = undefined;
});

describe('catalog program', () => {
  it('prints help and exits 0', async () => {
    const run = await runCliCaptured(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: catalog');
    expect(run.stdout).toContain('validate');
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const run = await runCliCaptured(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command/);
  });

  it('validate passes on an empty, well-formed data directory', async () => {
    tmp = await makeTempDataDir();
    const run = await runCliCaptured(['--data', tmp.dir, 'validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 errors, 0 warnings/);
  });

  it('a missing data directory is a clear error without a stack trace', async () => {
    const run = await runCliCaptured(['--data', '/nonexistent/llm-catalog-data', 'validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent/llm-catalog-data: data directory not found');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('global options', () => {
  it('--json prints one JSON document on stdout even when the command fails', async () => {
    const run = await runCliCaptured(['--json', '--data', '/nonexistent/llm-catalog-data', 'validate']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as { ok: boolean; error: { message: string; exit_code: number } };
    expect(doc.ok).toBe(false);
    expect(doc.error.exit_code).toBe(2);
    expect(doc.error.message).toBe('/nonexistent/llm-catalog-data: data directory not found (from --data)');
  });

  it('an empty CATALOG_DATA_DIR falls back to ./data instead of the current directory', async () => {
    tmp = await makeTempDataDir();
    const { dirname } = await import('node:path');
    const run = await runCliCaptured(['validate'], { env: { CATALOG_DATA_DIR: '' }, cwd: dirname(tmp.dir) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(tmp.dir);
  });
});

describe('help', () => {
  it('marks required options, in every command that has them', async () => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const cost = flat((await runCliCaptured(['cost', '--help'])).stdout);
    expect(cost).toContain('--input <tokens> input (prompt) tokens, cached ones included, e.g. 12000 or 12k (required)');
    expect(cost).toContain('--output <tokens> output tokens (default: "0") ');
    const test = flat((await runCliCaptured(['test', '--help'])).stdout);
    expect(test).toMatch(/--url <url> the API base URL .*? \(required\) --key-env/);
  });
});
