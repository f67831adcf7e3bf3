import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { parseTokenCount } from './cost.ts';
import { cliTestCatalog } from '@llm-catalog/testkit/cli-catalog';

let tmp: TempDataDir;
afterEach(async () => {
  await tmp?.cleanup();
});
async function run(args: string[]) {
  tmp = await makeTempDataDir(cliTestCatalog());
  return runCliCaptured(['--data', tmp.dir, ...args]);
}

describe('catalog cost', () => {
  it('prints the cost of a request, cached tokens at the cache-read price', async () => {
    // 6,000 x $2.50/M = 0.015; 4,000 x $1.25/M = 0.005; 500 x $10/M = 0.005
    const result = await run(['cost', 'openai', 'gpt-4o', '--input', '10k', '--cached', '4k', '--output', '500']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^input\s+6,000\s+\$0\.015$/m);
    expect(result.stdout).toMatch(/^cached input\s+4,000\s+\$0\.005$/m);
    expect(result.stdout).toMatch(/^output\s+500\s+\$0\.005$/m);
    expect(result.stdout).toMatch(/^total\s+\$0\.025$/m);
  });

  it("--json uses the provider's price (a manual override here)", async () => {
    // 2M x $0.50/M = 1; 1M x $0.79/M = 0.79
    const result = await run(['--json', 'cost', 'groq', 'llama-3.3-70b-versatile', '--input', '2M', '--output', '1M']);
    expect(JSON.parse(result.stdout)).toEqual({
      provider: 'groq',
      model: 'llama-3.3-70b-versatile',
      input_tokens: 2_000_000,
      output_tokens: 1_000_000,
      input: 1,
      output: 0.79,
      cache: 0,
      total: 1.79,
      currency: 'USD',
    });
  });

  it('a model without a price exits 1 with a clear error, never a cost of 0', async () => {
    const result = await run(['cost', 'groq', 'whisper-large-v3', '--input', '100']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: the catalog has no input price for groq/whisper-large-v3\n');
    expect(result.stdout).toBe('');
  });

  it('an unserved model or a bad token count is a usage error', async () => {
    expect((await run(['cost', 'groq', 'gpt-4o', '--input', '100'])).code).toBe(2);
    const bad = await run(['cost', 'openai', 'gpt-4o', '--input', '100', '--cached', '200']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: cached_tokens (200) cannot exceed input_tokens (100): cached tokens are part of the input\n');
  });
});

describe('catalog cost: service tiers and long prompts', () => {
  const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
  async function runTiered(args: string[]) {
    const catalog = cliTestCatalog();
    catalog.models.push({
      id: 'gpt-5.4',
      pricing: {
        input: usd(2.5),
        output: usd(15),
        long_context: [{ above_input_tokens: 272_000, input: usd(5), output: usd(22.5) }],
        service_tiers: { batch: { input: usd(1.25), output: usd(7.5) } },
      },
    });
    catalog.overrides.push({ provider_id: 'openai', model_id: 'gpt-5.4', priority: 0 });
    tmp = await makeTempDataDir(catalog);
    return runCliCaptured(['--data', tmp.dir, ...args]);
  }

  it('--tier batch uses the batch price and says so', async () => {
    // 10,000 x $1.25/M = 0.0125; 500 x $7.50/M = 0.00375
    const result = await runTiered(['cost', 'openai', 'gpt-5.4', '--input', '10k', '--output', '500', '--tier', 'batch']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^input\s+10,000\s+\$0\.0125$/m);
    expect(result.stdout).toMatch(/^total\s+\$0\.01625$/m);
    expect(result.stdout).toMatch(/^priced at the batch tier$/m);
  });

  it('a prompt over the long-context threshold is priced at the tier', async () => {
    // 300,000 x $5/M = 1.5; 1,000 x $22.50/M = 0.0225
    const result = await runTiered(['--json', 'cost', 'openai', 'gpt-5.4', '--input', '300k', '--output', '1k']);
    expect(JSON.parse(result.stdout)).toMatchObject({ input: 1.5, output: 0.0225, total: 1.5225, long_context_above: 272_000 });
  });

  it('a tier the catalog does not list exits 1 with a clear error; an unknown tier is a usage error', async () => {
    const missing = await runTiered(['cost', 'openai', 'gpt-5.4', '--input', '1k', '--tier', 'flex']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: the catalog lists no flex price for openai/gpt-5.4 (it lists: batch)\n');
    const bad = await runTiered(['cost', 'openai', 'gpt-5.4', '--input', '1k', '--tier', 'economy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --tier must be one of batch, flex, priority (got "economy")\n');
  });
});

describe('parseTokenCount', () => {
  it('reads counts as people write them', () => {
    expect(parseTokenCount('1500', '--input')).toBe(1500);
    expect(parseTokenCount('1_500', '--input')).toBe(1500);
    expect(parseTokenCount('1,500', '--input')).toBe(1500);
    expect(parseTokenCount('15k', '--input')).toBe(15_000);
    expect(parseTokenCount('1.2M', '--input')).toBe(1_200_000);
  });

  it.each(['1.5', '-3', 'ten', '', '1e3'])('rejects %j', (raw) => {
    expect(() => parseTokenCount(raw, '--input')).toThrow(/--input must be a whole number of tokens/);
  });
});
