import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDataDir, runCliCaptured, type TempDataDir } from '../testing.ts';
import { cliTestCatalog } from './test-catalog.ts';

let tmp: TempDataDir;
afterEach(async () => {
  await tmp?.cleanup();
});

describe('catalog build', () => {
  it('writes dist/catalog.json under the working directory, the same bytes every time', async () => {
    tmp = await makeTempDataDir(cliTestCatalog());
    const cwd = join(tmp.dir, '..');
    const first = await runCliCaptured(['--data', tmp.dir, 'build'], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 providers, 4 offerings (version 2026.01.01)');
    const path = join(cwd, 'dist', 'catalog.json');
    const text = await readFile(path, 'utf8');
    const doc = JSON.parse(text) as { providers: Record<string, { models: Record<string, { pricing?: unknown }> }> };
    expect(doc.providers.groq?.models['llama-3.3-70b']?.pricing).toEqual({
      input: { per_million_tokens: 0.5, currency: 'USD' },
      output: { per_million_tokens: 0.79, currency: 'USD' },
    });
    await runCliCaptured(['--data', tmp.dir, 'build'], { cwd });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('--out chooses the file; --json reports what was written', async () => {
    tmp = await makeTempDataDir(cliTestCatalog());
    const out = join(tmp.dir, '..', 'out', 'resolved.json');
    const result = await runCliCaptured(['--data', tmp.dir, '--json', 'build', '--out', out]);
    expect(JSON.parse(result.stdout)).toMatchObject({ out, version: '2026.01.01', providers: 3, offerings: 4 });
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveProperty('providers.openai.models.gpt-4o');
  });

  it('writes nothing when the data is invalid', async () => {
    const catalog = cliTestCatalog();
    catalog.overrides.push({ provider_id: 'openai', model_id: 'no-such-model', priority: 0 });
    tmp = await makeTempDataDir(catalog);
    const out = join(tmp.dir, '..', 'never.json');
    const result = await runCliCaptured(['--data', tmp.dir, 'build', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown model "no-such-model"');
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
