import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCatalog } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { openAiProvider } from '@llm-catalog/testkit/cli-catalog';

let tmp: TempDataDir | undefined;
afterEach(async () => {
  await tmp?.cleanup();
  tmp = undefined;
});

const openai = openAiProvider('openai', 'https://api.openai.com/v1');

/** A models.dev body with one provider and one model, as the live file spells it. */
const modelsDevBody = (input: number) => ({
  openai: {
    id: 'openai',
    name: 'OpenAI',
    env: ['OPENAI_API_KEY'],
    npm: '@ai-sdk/openai',
    doc: 'https://platform.openai.com/docs/models',
    models: {
      'gpt-4o': {
        id: 'gpt-4o',
        name: 'GPT-4o',
        attachment: true,
        reasoning: false,
        tool_call: true,
        release_date: '2024-05-13',
        last_updated: '2024-08-06',
        modalities: { input: ['text', 'image'], output: ['text'] },
        open_weights: false,
        cost: { input, output: 10, cache_read: 1.25 },
        limit: { context: 128000, output: 16384 },
      },
    },
  },
});

/** An OpenAI list body: the ids only, as the provider's own API answers. */
const openAiList = { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' }] };

async function files(dir: string) {
  const names = ['providers.json', 'models.json', 'overrides.json'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
}

describe('catalog import models.dev --from FILE --as-of DATE', () => {
  it("writes the source's band with dated provenance, versions files by the date, and changes nothing the second time", async () => {
    tmp = await makeTempDataDir({ providers: [openai] });
    const body = join(tmp.dir, '..', 'models-dev.json');
    await writeFile(body, JSON.stringify(modelsDevBody(2.5)));
    const run = await runCliCaptured(['--data', tmp.dir, 'import', 'models.dev', '--from', body, '--as-of', '2026-06-13']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { catalog } = await readCatalog(tmp.dir);
    expect(catalog.overrides).toEqual([
      expect.objectContaining({
        provider_id: 'openai',
        model_id: 'gpt-4o',
        priority: 20,
        pricing: { input: { per_million_tokens: 2.5, currency: 'USD' }, output: { per_million_tokens: 10, currency: 'USD' }, cache_read: { per_million_tokens: 1.25, currency: 'USD' } },
        provenance: { source: 'models.dev', as_of: '2026-06-13' },
      }),
    ]);
    expect(catalog.models[0]?.metadata?.provenance?.context_window).toEqual({ source: 'models.dev', as_of: '2026-06-13' });
    const written = await files(tmp.dir);
    expect(written['models.json']).toContain('"version": "2026.06.13"');

    const again = await runCliCaptured(['--data', tmp.dir, 'import', 'models.dev', '--from', body, '--as-of', '2026-06-13']);
    expect(again.code).toBe(0);
    expect(await files(tmp.dir)).toEqual(written);
  });

  it("a provider's own sync from a recorded body keeps the reference band, and audit names the disagreement", async () => {
    tmp = await makeTempDataDir({ providers: [openai] });
    const body = join(tmp.dir, '..', 'models-dev.json');
    await writeFile(body, JSON.stringify(modelsDevBody(0.5)));
    await runCliCaptured(['--data', tmp.dir, 'import', 'models.dev', '--from', body, '--as-of', '2026-06-13']);
    const list = join(tmp.dir, '..', 'openai.json');
    await writeFile(list, JSON.stringify(openAiList));
    const sync = await runCliCaptured(['--data', tmp.dir, 'sync', 'openai', '--from', list, '--as-of', '2026-07-28']);
    expect(sync.code).toBe(0);
    const { catalog } = await readCatalog(tmp.dir);
    expect(catalog.overrides.map((o) => [o.priority, o.provenance?.source])).toEqual([
      [20, 'models.dev'],
      [50, 'openai'],
    ]);
    // OpenAI's list says nothing of prices, so the resolved offering keeps models.dev's.
    expect((await runCliCaptured(['--data', tmp.dir, 'models', 'show', 'openai', 'gpt-4o', '--json'])).stdout).toContain('"per_million_tokens": 0.5');

    const litellm = join(tmp.dir, '..', 'litellm.json');
    await writeFile(
      litellm,
      JSON.stringify({ 'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 0.0005, output_cost_per_token: 0.00001 } }),
    );
    const imported = await runCliCaptured(['--data', tmp.dir, 'import', 'litellm', '--from', litellm, '--as-of', '2026-07-24']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('new disagreements between sources (catalog audit lists them all): 1');
    const audit = await runCliCaptured(['--data', tmp.dir, 'audit', '--fail-on', 'suspect']);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain('openai/gpt-4o pricing.input: litellm 2026-07-24: $500 | models.dev 2026-06-13: $0.5 x1000.00 [suspected unit mistake]');
    expect(audit.stderr).toContain('1 suspected unit or currency mistake(s)');
  });

  it('refuses a file that is not JSON, naming it, and writes nothing', async () => {
    tmp = await makeTempDataDir({ providers: [openai] });
    const before = await files(tmp.dir);
    const body = join(tmp.dir, '..', 'broken.json');
    await writeFile(body, '{"openai": ');
    const run = await runCliCaptured(['--data', tmp.dir, 'import', 'models.dev', '--from', body]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken.json: invalid JSON');
    expect(await files(tmp.dir)).toEqual(before);
    const bad = await runCliCaptured(['--data', tmp.dir, 'import', 'litellm', '--from', body, '--as-of', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a date YYYY-MM-DD, got "2026-02-30"');
  });
});
