import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llm-catalog-normalize-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bodyFile(name: string, body: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

const openRouterBody = {
  data: [
    { id: 'openai/gpt-4o', name: 'OpenAI: GPT-4o', pricing: { prompt: '0.0000025', completion: '0.00001' } },
    { id: 'openai/gpt-4o:extended', pricing: { prompt: '0.000006', completion: '0.000018' } },
    null,
  ],
};

describe('catalog normalize', () => {
  it('prints the models and warnings of a body as one JSON document', async () => {
    const file = await bodyFile('openrouter.json', openRouterBody);
    const run = await runCliCaptured(['normalize', '--transformer', 'openrouter', file]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.models.map((m: { id: string; provider_model_id: string }) => [m.id, m.provider_model_id])).toEqual([
      ['gpt-4o', 'openai/gpt-4o'],
      ['gpt-4o', 'openai/gpt-4o:extended'],
    ]);
    expect(doc.models[0].pricing.input).toEqual({ per_million_tokens: 2.5, currency: 'USD' });
    expect(doc.warnings).toEqual([{ index: 2, message: 'skipped: the entry is null, not an object', skipped: true }]);
    expect(doc).not.toHaveProperty('nextPage');
    expect(run.stderr).toContain('2 models, 1 warning (1 entry skipped)');
  });

  it('prints the next page a paged body names', async () => {
    const file = await bodyFile('gemini.json', { models: [{ name: 'models/gemini-2.5-flash' }], nextPageToken: 'abc' });
    const run = await runCliCaptured(['normalize', '--transformer', 'gemini', file]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).nextPage).toEqual({ query: { pageToken: 'abc' } });
  });

  it('with --json prints only the document, nothing on stderr', async () => {
    const file = await bodyFile('openai.json', { object: 'list', data: [{ id: 'gpt-4o', owned_by: 'system' }] });
    const run = await runCliCaptured(['--json', 'normalize', '--transformer', 'openai', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ models: [{ id: 'gpt-4o', provider_model_id: 'gpt-4o' }], warnings: [] });
  });

  it('a missing file is a one-line error (exit 2)', async () => {
    const run = await runCliCaptured(['normalize', '--transformer', 'openai', join(dir, 'absent.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${join(dir, 'absent.json')}: cannot read: no such file\n`);
    expect(run.stdout).toBe('');
  });

  it('invalid JSON names the file, line and column (exit 2)', async () => {
    const file = await bodyFile('broken.json', '{\n  "data": [\n    {"id": "a",}\n  ]\n}');
    const run = await runCliCaptured(['normalize', '--transformer', 'openai', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error: ${file}: invalid JSON at line 3, column \\d+`));
  });

  it('an unknown transformer name is a usage error (exit 2)', async () => {
    const file = await bodyFile('openai.json', { data: [] });
    const run = await runCliCaptured(['normalize', '--transformer', 'bedrock', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'bedrock' is invalid.*openrouter/s);
  });

  it('a missing --transformer is a usage error (exit 2)', async () => {
    const file = await bodyFile('openai.json', { data: [] });
    const run = await runCliCaptured(['normalize', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--transformer <name>' not specified/);
  });

  it('an error the provider sent instead of a list fails the run (exit 1)', async () => {
    const file = await bodyFile('error.json', { success: false, message: 'invalid token' });
    const run = await runCliCaptured(['normalize', '--transformer', 'aihubmix', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${file}: the provider answered with an error: invalid token\n`);
    expect(run.stdout).toBe('');
  });

  it('reads the body from stdin given "-"', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/src/bin.ts', 'normalize', '--transformer', 'ollama', '-'],
      {
        cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
        input: JSON.stringify({ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }] }),
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).models).toEqual([
      { id: 'llama3.2', provider_model_id: 'llama3.2:latest', open_weights: true },
    ]);
  });
});
