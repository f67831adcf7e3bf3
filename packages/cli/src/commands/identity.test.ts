import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Catalog, readCatalog } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { cliTestCatalog } from '@llm-catalog/testkit/cli-catalog';

let tmp: TempDataDir;
afterEach(async () => {
  await tmp?.cleanup();
});

const usd = (per_million_tokens: number) => ({ per_million_tokens, currency: 'USD' });

/** The CLI test catalog plus OpenRouter serving Llama under its own spelling, paid and free. */
function catalogWithRoutes(): Catalog {
  const c = cliTestCatalog();
  c.providers.push({ ...c.providers[1]!, id: 'openrouter', name: 'OpenRouter' });
  c.models.push({ id: 'llama-3.3-70b-instruct', context_window: 131072 });
  c.overrides.push(
    {
      provider_id: 'openrouter',
      model_id: 'llama-3.3-70b',
      provider_model_id: 'meta-llama/llama-3.3-70b',
      priority: 20,
      pricing: { input: usd(0.1), output: usd(0.3) },
    },
    {
      provider_id: 'openrouter',
      model_id: 'llama-3.3-70b',
      variant: 'free',
      provider_model_id: 'meta-llama/llama-3.3-70b:free',
      priority: 20,
      pricing: { input: usd(0), output: usd(0) },
    },
    { provider_id: 'perplexity', model_id: 'llama-3.3-70b-instruct', priority: 20 },
  );
  return c;
}

async function setup() {
  tmp = await makeTempDataDir(catalogWithRoutes());
  return tmp.dir;
}
const run = (dir: string, args: string[]) => runCliCaptured(['--data', dir, ...args]);

describe('models who-serves', () => {
  it('lists every offering of the model any spelling names, cheapest first, with variants apart', async () => {
    const dir = await setup();
    const result = await run(dir, ['--json', 'models', 'who-serves', 'Meta-Llama/Llama-3.3-70B:free']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { model_id: string; offerings: Record<string, unknown>[] };
    expect(doc.model_id).toBe('llama-3.3-70b');
    expect(doc.offerings.map((o) => [o.provider_id, o.provider_model_id, o.variant, (o.input as { per_million_tokens: number }).per_million_tokens])).toEqual([
      ['openrouter', 'meta-llama/llama-3.3-70b:free', 'free', 0],
      ['openrouter', 'meta-llama/llama-3.3-70b', undefined, 0.1],
      ['groq', 'llama-3.3-70b-versatile', undefined, 0.5],
    ]);
  });

  it('prints a table, and a clear error for a model nobody knows', async () => {
    const dir = await setup();
    const table = await run(dir, ['models', 'who-serves', 'llama-3.3-70b-versatile']);
    expect(table.stdout).toMatch(/^openrouter\s+meta-llama\/llama-3\.3-70b:free\s+free\s+\$0\s+\$0\s+131,072$/m);
    expect(table.stdout).toContain('3 offerings at 2 providers');
    const unknown = await run(dir, ['models', 'who-serves', 'llama-9-1t']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no model is known as "llama-9-1t"');
  });
});

describe('identity suggest, link, unlink', () => {
  it('suggest proposes the look-alike pair with its evidence', async () => {
    const dir = await setup();
    const doc = JSON.parse((await run(dir, ['--json', 'identity', 'suggest'])).stdout) as { proposals: { spelling: string; model_id: string }[] };
    expect(doc.proposals.map((p) => [p.spelling, p.model_id])).toEqual([['llama-3.3-70b-instruct', 'llama-3.3-70b']]);
  });

  it('link folds a model into another and records the link; unlink takes the link back out', async () => {
    const dir = await setup();
    const linked = await run(dir, ['identity', 'link', 'llama-3.3-70b-instruct', 'llama-3.3-70b', '--reason', 'Meta released 3.3 70B as instruct only']);
    expect(linked.stderr).toBe('');
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain('folded model "llama-3.3-70b-instruct" into "llama-3.3-70b" (1 offering moved)');
    const { catalog } = await readCatalog(dir);
    expect(catalog.models.map((m) => m.id)).not.toContain('llama-3.3-70b-instruct');
    expect(catalog.links).toEqual([
      { spelling: 'llama-3.3-70b-instruct', model_id: 'llama-3.3-70b', relation: 'same', reason: 'Meta released 3.3 70B as instruct only' },
    ]);
    const who = await run(dir, ['--json', 'models', 'who-serves', 'llama-3.3-70b-instruct']);
    expect((JSON.parse(who.stdout) as { model_id: string }).model_id).toBe('llama-3.3-70b');

    expect((await run(dir, ['identity', 'unlink', 'llama-3.3-70b-instruct', 'llama-3.3-70b'])).code).toBe(0);
    expect((await readCatalog(dir)).catalog.links).toEqual([]);
  });

  it('link refuses to fold two models one provider offers side by side', async () => {
    const dir = await setup();
    const result = await run(dir, ['identity', 'link', 'llama-3.3-70b', 'whisper-large-v3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: groq offers both "llama-3.3-70b" and "whisper-large-v3" at priority 0; disable one of the two offerings first\n',
    );
  });

  it('unlink of a link a rule made records a veto; a bad model leaves every file untouched', async () => {
    const dir = await setup();
    expect((await run(dir, ['identity', 'unlink', 'meta-llama/llama-3.3-70b-versatile', 'llama-3.3-70b'])).code).toBe(0);
    expect((await readCatalog(dir)).catalog.links).toEqual([
      { spelling: 'meta-llama/llama-3.3-70b-versatile', model_id: 'llama-3.3-70b', relation: 'different' },
    ]);
    const before = await readFile(join(dir, 'links.json'), 'utf8');
    const bad = await run(dir, ['identity', 'link', 'x', 'no-such-model']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no model is known as "no-such-model"');
    expect(await readFile(join(dir, 'links.json'), 'utf8')).toBe(before);
  });
});
