import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog, CatalogProblem } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

let tmp: TempDataDir | undefined;
afterEach(async () => {
  await tmp?.cleanup();
  tmp = undefined;
});

const acme = {
  id: 'acme',
  name: 'Acme',
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: 'https://api.acme.test/v1', default: true }],
} as const;

/** A data directory holding this catalog; entries are cast because tests write invalid ones on purpose. */
async function dataDir(catalog: { providers?: unknown[]; models?: unknown[]; overrides?: unknown[] }): Promise<string> {
  tmp = await makeTempDataDir({ providers: [acme], ...catalog } as Partial<Catalog>);
  return tmp.dir;
}

const validate = (dir: string, ...flags: string[]) => runCliCaptured(['--data', dir, ...flags, 'validate']);
const lines = (text: string) => text.split('\n').filter(Boolean);
const STACK_FRAME = /\n\s+at /;

describe('catalog validate', () => {
  it('a valid catalog exits 0 with a one-line summary', async () => {
    const dir = await dataDir({
      models: [{ id: 'm', context_window: 8192 }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    const run = await validate(dir);
    expect(run).toEqual({ code: 0, stdout: `ok 0 errors, 0 warnings in ${dir}\n`, stderr: '' });
  });

  it('errors exit 1 with one line per problem naming file, entry and field, and no stack trace', async () => {
    const dir = await dataDir({
      models: [{ id: 'm', context_window: 0, pricing: { input: { per_million_tokens: -1, currency: 'USD' } } }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 100 }],
    });
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      'error models.json: models[0] "m": context_window: must be > 0 (omit the field when the limit is unknown)',
      'error models.json: models[0] "m": pricing.input.per_million_tokens: price must not be negative',
      'error overrides.json: overrides[0] acme/m (priority 100): reason: a manual override (priority >= 100) must say why in "reason"',
      `3 errors, 0 warnings in ${dir}`,
    ]);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('reports reference problems beside schema errors, so the files are fixed in one round', async () => {
    const dir = await dataDir({
      models: [{ id: 'a-broken', capabilities: ['VISION', 'function_call'] }, { id: 'b-ok', replaced_by: 'nowhere' }],
      overrides: [
        { provider_id: 'acme', model_id: 'a-broken', priority: 0 },
        { provider_id: 'acme', model_id: 'b-ok', priority: 0 },
        { provider_id: 'acme', model_id: 'missing', priority: 100, reason: 'by hand' },
      ],
    });
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'error models.json: models[0] "a-broken": capabilities[0]: unknown capability, got "VISION"',
      'error models.json: models[0] "a-broken": capabilities[1]: unknown capability, got "function_call" (did you mean "FUNCTION_CALL"?)',
      'error overrides.json: overrides[2] acme/missing (priority 100): model_id: unknown model "missing" (not in models.json)',
      'warning models.json: models[1] "b-ok": replaced_by: replaced_by names unknown model "nowhere"',
      `3 errors, 1 warning in ${dir}`,
    ]);
  });

  it('reports integrity errors across files once the schema passes', async () => {
    const dir = await dataDir({
      models: [{ id: 'm' }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 100 },
        { provider_id: 'nobody', model_id: 'm', priority: 0 },
      ],
    });
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'error overrides.json: overrides[0] acme/m (priority 100): reason: a manual override (priority >= 100) must say why in "reason"',
      'error overrides.json: overrides[1] nobody/m (priority 0): provider_id: unknown provider "nobody" (not in providers.json)',
      `2 errors, 0 warnings in ${dir}`,
    ]);
  });

  it('a null price written by hand is located precisely', async () => {
    const dir = await dataDir({});
    const models = { version: '2026.01.01', models: [{ id: 'm', pricing: { output: { per_million_tokens: null, currency: 'USD' } } }] };
    await writeFile(join(dir, 'models.json'), JSON.stringify(models));
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[0]).toBe(
      'error models.json: models[0] "m": pricing.output.per_million_tokens: price must be a number (null and NaN are not prices)',
    );
  });

  it('a JSON syntax error names the file, line and column', async () => {
    const dir = await dataDir({});
    await writeFile(join(dir, 'overrides.json'), '{\n  "version": "2026.01.01",\n  "overrides": [,]\n}\n');
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[0]).toMatch(/^error overrides\.json: invalid JSON at line 3, column 17: /);
  });

  it('--json prints one JSON document listing every problem, and nothing else on stdout', async () => {
    const dir = await dataDir({
      models: [{ id: 'm', capabilities: ['TELEPATHY'] }, { id: 'lonely' }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    const run = await validate(dir, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; warnings: number; problems: CatalogProblem[] };
    expect(report).toEqual({
      ok: false,
      errors: 1,
      warnings: 1,
      problems: [
        {
          severity: 'error',
          code: 'schema',
          file: 'models.json',
          entry: 'models[1] "m"',
          field: 'capabilities[0]',
          message: 'unknown capability, got "TELEPATHY"',
        },
        {
          severity: 'warning',
          code: 'orphan-model',
          file: 'models.json',
          entry: 'models[0] "lonely"',
          message: 'no provider serves this model (no enabled override names it)',
        },
      ],
    });
  });

  it('--json on a valid catalog reports ok with warnings listed', async () => {
    const dir = await dataDir({ models: [{ id: 'lonely' }] });
    const run = await validate(dir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      errors: 0,
      warnings: 1,
      problems: [{ severity: 'warning', code: 'orphan-model', entry: 'models[0] "lonely"' }],
    });
  });

  it('warnings alone exit 0, printed on stderr', async () => {
    const dir = await dataDir({ models: [{ id: 'lonely' }] });
    const run = await validate(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning models.json: models[0] "lonely": no provider serves this model (no enabled override names it)\n',
    );
    expect(run.stdout).toBe(`ok 0 errors, 1 warning in ${dir}\n`);
  });

  it('--quiet hides warnings and the summary but never errors', async () => {
    const warningsOnly = await validate(await dataDir({ models: [{ id: 'lonely' }] }), '--quiet');
    expect(warningsOnly).toEqual({ code: 0, stdout: '', stderr: '' });
    await tmp?.cleanup();
    const withError = await validate(await dataDir({ models: [{ id: 'M' }] }), '--quiet');
    expect(withError.code).toBe(1);
    expect(withError.stderr).toContain('error models.json: models[0] "M": id: id must be lowercase');
  });

  it('reads the data directory from CATALOG_DATA_DIR when --data is not given', async () => {
    const dir = await dataDir({});
    const run = await runCliCaptured(['validate'], { env: { CATALOG_DATA_DIR: dir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`in ${dir}`);
  });

  it('a missing data directory exits 2 with a clear message and no stack trace', async () => {
    const run = await runCliCaptured(['--data', '/nonexistent/llm-catalog-data', 'validate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)[0]).toBe(
      'error: /nonexistent/llm-catalog-data: data directory not found (from --data)',
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('--help describes the command and its exit codes', async () => {
    const run = await runCliCaptured(['validate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('check the data files');
    expect(run.stdout).toContain('Errors exit 1 and warnings do not');
  });
});
