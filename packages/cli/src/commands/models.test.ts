import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCatalog } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { cliTestCatalog } from '@llm-catalog/testkit/cli-catalog';

let tmp: TempDataDir;
afterEach(async () => {
  await tmp?.cleanup();
});

async function setup() {
  tmp = await makeTempDataDir(cliTestCatalog());
  return tmp.dir;
}
const run = (dir: string, args: string[]) => runCliCaptured(['--data', dir, ...args]);
const overridesText = (dir: string) => readFile(join(dir, 'overrides.json'), 'utf8');

describe('models list', () => {
  it('cuts a long fine-tune id to the terminal width; --json keeps it whole', async () => {
    const catalog = cliTestCatalog();
    const long = 'ft:gpt-4o-2024-08-06:acme-corporation-research:customer-support-tone-v7:9xyzabcd';
    catalog.models.push({ id: long, context_window: 128000 });
    catalog.overrides.push({ provider_id: 'openai', model_id: long, priority: 0 });
    tmp = await makeTempDataDir(catalog);
    const table = await runCliCaptured(['--data', tmp.dir, 'models', 'list'], { columns: 100 });
    const lines = table.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(table.stdout).toContain('ft:gpt-4o-2024-08-06:acme');
    expect(table.stdout).toContain('…');
    const json = await runCliCaptured(['--data', tmp.dir, '--json', 'models', 'list'], { columns: 100 });
    expect((JSON.parse(json.stdout) as { models: { id: string }[] }).models.map((m) => m.id)).toContain(long);
  });

  it("lists every provider's models with effective prices", async () => {
    const dir = await setup();
    const result = await run(dir, ['models', 'list']);
    expect(result.code).toBe(0);
    // groq's manual override sets its input price to $0.5
    expect(result.stdout).toMatch(/^groq\s+llama-3\.3-70b \(as llama-3\.3-70b-versatile\)\s+131,072\s+\$0\.5\s+\$0\.79/m);
    expect(result.stdout).toMatch(/^openai\s+gpt-4o\s+128,000\s+\$2\.5\s+\$10\s+FUNCTION_CALL, IMAGE_RECOGNITION$/m);
    expect(result.stdout).toContain('4 offerings');
  });

  it('filters by provider and capability; --json prints the resolved models', async () => {
    const dir = await setup();
    const result = await run(dir, ['--json', 'models', 'list', '--provider', 'groq', '--capability', 'audio_recognition']);
    const doc = JSON.parse(result.stdout) as { models: { provider_id: string; id: string }[] };
    expect(doc.models.map((m) => `${m.provider_id}/${m.id}`)).toEqual(['groq/whisper-large-v3']);
  });

  it('rejects an unknown provider or capability', async () => {
    const dir = await setup();
    expect((await run(dir, ['models', 'list', '--provider', 'nope'])).stderr).toBe(
      'error: unknown provider "nope" (see `catalog providers list`)\n',
    );
    const bad = await run(dir, ['models', 'list', '--capability', 'telepathy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown capability "telepathy" \(FUNCTION_CALL, REASONING, /);
  });
});

describe('models show', () => {
  it('prints the resolved model and where each field came from', async () => {
    const dir = await setup();
    const result = await run(dir, ['models', 'show', 'groq', 'llama-3.3-70b-versatile']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^provider_model_id\s+llama-3\.3-70b-versatile\s+auto override$/m);
    expect(result.stdout).toMatch(/^context_window\s+131,072\s+base$/m);
    expect(result.stdout).toMatch(/^pricing\.input\s+\$0\.5 \/1M tokens\s+manual override$/m);
    expect(result.stdout).toMatch(/^pricing\.output\s+\$0\.79 \/1M tokens\s+base$/m);
    expect(result.stdout).toContain('priority 0 (auto), priority 100 (manual: contract price)');
  });

  it('--json gives the model, an origin for every field, and the overrides', async () => {
    const dir = await setup();
    const doc = JSON.parse((await run(dir, ['--json', 'models', 'show', 'groq', 'llama-3.3-70b'])).stdout) as {
      origins: Record<string, string>;
      overrides: unknown[];
      model: { pricing: { input: { per_million_tokens: number } } };
    };
    expect(doc.origins).toEqual({
      provider_model_id: 'auto',
      context_window: 'base',
      'pricing.input': 'manual',
      'pricing.output': 'base',
    });
    expect(doc.overrides).toHaveLength(2);
    expect(doc.model.pricing.input.per_million_tokens).toBe(0.5);
  });

  it('prints long-context and service-tier prices, status, last update and the shutdown date', async () => {
    const catalog = cliTestCatalog();
    const usd = (per_million_tokens: number) => ({ per_million_tokens, currency: 'USD' });
    Object.assign(catalog.models.find((m) => m.id === 'gpt-4o')!, { status: 'deprecated', last_updated: '2026-04-01', shutdown_date: '2027-03-01' });
    catalog.overrides.push({
      provider_id: 'openai',
      model_id: 'gpt-4o',
      priority: 10,
      provenance: { source: 'litellm', as_of: '2026-07-24' },
      pricing: { long_context: [{ above_input_tokens: 128000, input: usd(5) }], service_tiers: { batch: { input: usd(1.25) } } },
    });
    tmp = await makeTempDataDir(catalog);
    const result = await run(tmp.dir, ['models', 'show', 'openai', 'gpt-4o']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^status\s+deprecated\s+base$/m);
    expect(result.stdout).toMatch(/^pricing\.long_context>128000\.input\s+\$5 \/1M tokens\s+auto override$/m);
    expect(result.stdout).toMatch(/^pricing\.service_tiers\.batch\.input\s+\$1\.25 \/1M tokens\s+auto override$/m);
    expect(result.stdout).toMatch(/^last_updated\s+2026-04-01\s+base$/m);
    expect(result.stdout).toMatch(/^shutdown_date\s+2027-03-01\s+base$/m);
  });

  it('names who serves a model when this provider does not', async () => {
    const dir = await setup();
    const result = await run(dir, ['models', 'show', 'groq', 'gpt-4o']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: groq does not serve "gpt-4o"; served by openai\n');
  });
});

describe('models disable / enable', () => {
  it('disable writes a manual override with the reason, and enable removes it again', async () => {
    const dir = await setup();
    const original = (await readCatalog(dir)).catalog.overrides;
    const disabled = await run(dir, ['models', 'disable', 'openai', 'gpt-4o', '--reason', 'pulled from the API']);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toBe('disabled openai/gpt-4o: created manual override at priority 100 ("pulled from the API")\n');
    const { catalog } = await readCatalog(dir);
    expect(catalog.overrides.filter((o) => o.provider_id === 'openai')).toContainEqual({
      provider_id: 'openai',
      model_id: 'gpt-4o',
      priority: 100,
      reason: 'pulled from the API',
      disabled: true,
    });
    const enabled = await run(dir, ['models', 'enable', 'openai', 'gpt-4o']);
    expect(enabled.stdout).toContain('removed the manual override (priority 100) that disabled it');
    expect((await readCatalog(dir)).catalog.overrides).toEqual(original);
  });

  it('a manual override with other changes is kept; the toggle goes above it', async () => {
    const dir = await setup();
    await run(dir, ['models', 'disable', 'groq', 'llama-3.3-70b', '--reason', 'paused', '--replace-with', 'gpt-4o']);
    const { catalog } = await readCatalog(dir);
    expect(catalog.overrides.filter((o) => o.provider_id === 'groq' && o.model_id === 'llama-3.3-70b').map((o) => [o.priority, o.reason])).toEqual([
      [0, undefined],
      [100, 'contract price'],
      [101, 'paused'],
    ]);
  });

  it('refuses a model the provider does not serve, and a disable without a reason, writing nothing', async () => {
    const dir = await setup();
    const before = await overridesText(dir);
    const notServed = await run(dir, ['models', 'disable', 'groq', 'gpt-4o', '--reason', 'x']);
    expect(notServed.code).toBe(2);
    expect(notServed.stderr).toBe('error: groq does not serve "gpt-4o"; served by openai\n');
    const noReason = await run(dir, ['models', 'disable', 'openai', 'gpt-4o']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toBe('error: `models disable` needs --reason TEXT: a manual override must say why\n');
    const badReplacement = await run(dir, ['models', 'disable', 'openai', 'gpt-4o', '--reason', 'x', '--replace-with', 'gpt-9']);
    expect(badReplacement.stderr).toBe('error: --replace-with: no model "gpt-9" in models.json\n');
    expect(await overridesText(dir)).toBe(before);
  });

  it('--json reports the change', async () => {
    const dir = await setup();
    const doc = JSON.parse((await run(dir, ['--json', 'models', 'enable', 'openai', 'gpt-4o'])).stdout) as { change: string };
    expect(doc.change).toBe('unchanged');
  });
});
