import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { encodeIdForFileName, type ModelDocument } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { cliTestCatalog } from '@llm-catalog/testkit/cli-catalog';

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

/** A plain static file server on 127.0.0.1, as a CDN would serve the directory. */
async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    readFile(join(root, path)).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

describe('catalog build --api', () => {
  it('writes a directory a static server serves as-is: a model file lists who serves it, with prices', async () => {
    const catalog = cliTestCatalog();
    catalog.models.push({ id: 'meta-llama/llama-3.1-8b:free', context_window: 131072 });
    catalog.overrides.push({ provider_id: 'groq', model_id: 'meta-llama/llama-3.1-8b:free', priority: 0, pricing: { input: { per_million_tokens: 0, currency: 'USD' } } });
    tmp = await makeTempDataDir(catalog);
    const out = join(tmp.dir, '..', 'api');
    const run = await runCliCaptured(['--data', tmp.dir, 'build', '--api', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 providers, 5 models, 5 offerings (version 2026.01.01)');
    const server = await serveStatic(out);
    try {
      const name = encodeIdForFileName('meta-llama/llama-3.1-8b:free');
      const res = await fetch(`${server.url}/models/${name}.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as ModelDocument;
      expect(doc.id).toBe('meta-llama/llama-3.1-8b:free');
      expect(doc.providers.map((o) => [o.provider_id, o.pricing?.input?.per_million_tokens])).toEqual([['groq', 0]]);
      const index = (await (await fetch(`${server.url}/index.json`)).json()) as { files: { models: Record<string, string> } };
      expect(index.files.models['meta-llama/llama-3.1-8b:free']).toBe(`models/${name}.json`);
      expect((await fetch(`${server.url}/api.json`)).status).toBe(200);
      expect((await fetch(`${server.url}/schema/models.schema.json`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('the same data gives the same bytes, and a model gone from the data is gone from the directory', async () => {
    tmp = await makeTempDataDir(cliTestCatalog());
    const out = join(tmp.dir, '..', 'api');
    await runCliCaptured(['--data', tmp.dir, 'build', '--api', out]);
    const first = await readFile(join(out, 'models', 'gpt-4o.json'), 'utf8');
    const firstIndex = await readFile(join(out, 'index.json'), 'utf8');
    await runCliCaptured(['--data', tmp.dir, 'build', '--api', out]);
    expect(await readFile(join(out, 'models', 'gpt-4o.json'), 'utf8')).toBe(first);
    expect(await readFile(join(out, 'index.json'), 'utf8')).toBe(firstIndex);

    const smaller = cliTestCatalog();
    smaller.models = smaller.models.filter((m) => m.id !== 'sonar');
    smaller.overrides = smaller.overrides.filter((o) => o.model_id !== 'sonar');
    await tmp.cleanup();
    tmp = await makeTempDataDir(smaller);
    const rebuilt = await runCliCaptured(['--data', tmp.dir, '--json', 'build', '--api', out]);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ dir: out, models: 3 });
    await expect(readFile(join(out, 'models', 'sonar.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses to replace a directory it did not write', async () => {
    tmp = await makeTempDataDir(cliTestCatalog());
    const out = join(tmp.dir, '..', 'home');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'mine');
    const run = await runCliCaptured(['--data', tmp.dir, 'build', '--api', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`refusing to replace ${out}`);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
