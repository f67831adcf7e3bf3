import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity, MIN_PLAUSIBLE_PER_MILLION } from './integrity.ts';
import { validateDataDir } from './io/validate-dir.ts';
import type { CatalogProblem } from './problems.ts';
import { makeRawDataDir, type RawDataDir, sampleCatalog } from '@llm-catalog/testkit/catalog';

const dirs: RawDataDir[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});

const provider = (id: string) => ({
  id,
  name: id,
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: `https://api.${id}.test/v1`, default: true }],
});
const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });

/** Validates a data directory holding these entries (providers default to acme and beta). */
async function validate(files: { providers?: unknown[]; models?: unknown[]; overrides?: unknown[] }) {
  const d = await makeRawDataDir({ providers: [provider('acme'), provider('beta')], ...files });
  dirs.push(d);
  return validateDataDir(d.dir);
}

/** Where a problem points, without the code and severity. */
const where = ({ file, entry, field, message }: CatalogProblem) => ({ file, entry, field, message });
const withCode = (problems: CatalogProblem[], code: string) => problems.filter((p) => p.code === code);

describe('integrity checks across entries and files', () => {
  it('the sample catalog has no problems at all', () => {
    expect(checkIntegrity(sampleCatalog())).toEqual([]);
  });

  it('a duplicate provider id is an error at the second entry', async () => {
    const problems = await validate({ providers: [provider('acme'), provider('acme')] });
    expect(problems.map(where)).toEqual([
      { file: 'providers.json', entry: 'providers[1] "acme"', field: 'id', message: 'duplicate provider id "acme"' },
    ]);
  });

  it('a duplicate model id is an error at the second entry', async () => {
    const problems = await validate({
      models: [{ id: 'm' }, { id: 'm', name: 'M again' }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    expect(problems.map(where)).toEqual([
      { file: 'models.json', entry: 'models[1] "m"', field: 'id', message: 'duplicate model id "m"' },
    ]);
  });

  it('an override naming an unknown provider or model is an error at that field', async () => {
    const problems = await validate({
      models: [{ id: 'm' }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 0 },
        { provider_id: 'nobody', model_id: 'm', priority: 0 },
        { provider_id: 'acme', model_id: 'ghost', priority: 0 },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[1] nobody/m (priority 0)',
        field: 'provider_id',
        message: 'unknown provider "nobody" (not in providers.json)',
      },
      {
        file: 'overrides.json',
        entry: 'overrides[2] acme/ghost (priority 0)',
        field: 'model_id',
        message: 'unknown model "ghost" (not in models.json)',
      },
    ]);
  });

  it('replace_with naming an unknown model is an error', async () => {
    const problems = await validate({
      models: [{ id: 'm' }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 100, reason: 'gone', disabled: true, replace_with: 'ghost' }],
    });
    expect(withCode(problems, 'unknown-model').map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[0] acme/m (priority 100)',
        field: 'replace_with',
        message: 'replace_with names unknown model "ghost"',
      },
    ]);
  });

  it('two auto overrides at one priority for one offering are an error; other bands and variants are not', async () => {
    const problems = await validate({
      models: [{ id: 'm' }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 10 },
        { provider_id: 'acme', model_id: 'm', priority: 20 },
        { provider_id: 'acme', model_id: 'm', priority: 20 },
        { provider_id: 'acme', model_id: 'm', variant: 'free', priority: 20 },
        { provider_id: 'beta', model_id: 'm', priority: 20 },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[2] acme/m (priority 20)',
        field: undefined,
        message: 'a second auto override at priority 20 for acme/m; a source writes exactly one per offering',
      },
    ]);
  });

  it('two overrides at one priority for one offering are found apart as well as side by side', () => {
    const sample = sampleCatalog();
    const [first] = sample.overrides;
    if (!first) throw new Error('the sample catalog has overrides');
    const repeat = { ...first, provider_model_id: 'another-spelling' };
    const codes = (overrides: typeof sample.overrides) =>
      checkIntegrity({ ...sample, overrides })
        .filter((p) => p.code === 'duplicate-priority' || p.code === 'duplicate-auto-override')
        .map((p) => p.entry);
    expect(codes([first, repeat, ...sample.overrides.slice(1)])).toHaveLength(1);
    expect(codes([...sample.overrides, repeat])).toHaveLength(1);
  });

  it('a manual override without a reason is an error at field reason', async () => {
    const problems = await validate({
      models: [{ id: 'm' }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 0 },
        { provider_id: 'acme', model_id: 'm', priority: 100, limits: { context_window: 4096 } },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[1] acme/m (priority 100)',
        field: 'reason',
        message: 'a manual override (priority >= 100) must say why in "reason"',
      },
    ]);
  });

  it('two overrides sharing a priority for one provider and model are an error', async () => {
    const problems = await validate({
      models: [{ id: 'm' }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 150, reason: 'a' },
        { provider_id: 'acme', model_id: 'm', priority: 150, reason: 'b' },
        { provider_id: 'beta', model_id: 'm', priority: 150, reason: 'other provider: fine' },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'overrides.json',
        entry: 'overrides[1] acme/m (priority 150)',
        field: 'priority',
        message: 'two overrides for acme/m share priority 150; resolution order would be ambiguous',
      },
    ]);
  });

  it('an implausibly small per-million price is an error, in models and overrides', async () => {
    const problems = await validate({
      models: [{ id: 'm', pricing: { input: usd(0.0000025), output: usd(0), cache_read: usd(MIN_PLAUSIBLE_PER_MILLION) } }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0, pricing: { output: usd(0.00001) } }],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'pricing.input.per_million_tokens',
        message: '0.0000025 per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)',
      },
      {
        file: 'overrides.json',
        entry: 'overrides[0] acme/m (priority 0)',
        field: 'pricing.output.per_million_tokens',
        message: '0.00001 per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)',
      },
    ]);
  });

  it('an alias shared by two models is an error at the second', async () => {
    const problems = await validate({
      models: [
        { id: 'a', aliases: ['shared'] },
        { id: 'b', aliases: ['shared'] },
      ],
      overrides: [
        { provider_id: 'acme', model_id: 'a', priority: 0 },
        { provider_id: 'acme', model_id: 'b', priority: 0 },
      ],
    });
    expect(problems.map(where)).toEqual([
      { file: 'models.json', entry: 'models[1] "b"', field: 'aliases', message: 'alias "shared" is also an alias of "a"' },
    ]);
  });

  it('an alias equal to another model\'s id is an error', async () => {
    const problems = await validate({
      models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-2024-08-06', aliases: ['gpt-4o'] }],
      overrides: [
        { provider_id: 'acme', model_id: 'gpt-4o', priority: 0 },
        { provider_id: 'acme', model_id: 'gpt-4o-2024-08-06', priority: 0 },
      ],
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[1] "gpt-4o-2024-08-06"',
        field: 'aliases',
        message: "an alias equals another model's id: gpt-4o",
      },
    ]);
  });

  it('max_output_tokens above the context window is an error within one override, a warning against the base', async () => {
    const problems = await validate({
      models: [{ id: 'm', context_window: 32000, max_output_tokens: 8000 }],
      overrides: [
        { provider_id: 'acme', model_id: 'm', priority: 0, limits: { context_window: 4096, max_output_tokens: 8000 } },
        { provider_id: 'beta', model_id: 'm', priority: 0, limits: { max_output_tokens: 64000 } },
        { provider_id: 'beta', model_id: 'm', priority: 100, reason: 'contract', limits: { context_window: 4096 } },
      ],
    });
    expect(problems.map((p) => [p.severity, p.entry, p.message])).toEqual([
      ['error', 'overrides[0] acme/m (priority 0)', 'max_output_tokens 8000 exceeds context_window 4096 for this provider'],
      ['warning', 'overrides[1] beta/m (priority 0)', 'max_output_tokens 64000 exceeds context_window 32000 for this provider'],
      ['error', 'overrides[2] beta/m (priority 100)', 'max_output_tokens 8000 exceeds context_window 4096 for this provider'],
    ]);
  });

  it('replaced_by naming an unknown model is a warning', async () => {
    const problems = await validate({
      models: [{ id: 'm', replaced_by: 'm-next' }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'unknown-model',
        file: 'models.json',
        entry: 'models[0] "m"',
        field: 'replaced_by',
        message: 'replaced_by names unknown model "m-next"',
      },
    ]);
  });

  it('two model ids that differ only in separators are a warning at the second', async () => {
    const problems = await validate({
      models: [{ id: 'claude-3-5-haiku' }, { id: 'claude-3.5-haiku' }, { id: 'claude-3.5-sonnet' }],
      overrides: ['claude-3-5-haiku', 'claude-3.5-haiku', 'claude-3.5-sonnet'].map((model_id) => ({
        provider_id: 'acme',
        model_id,
        priority: 0,
      })),
    });
    expect(problems.map(where)).toEqual([
      {
        file: 'models.json',
        entry: 'models[1] "claude-3.5-haiku"',
        field: 'id',
        message:
          '"claude-3.5-haiku" and "claude-3-5-haiku" differ only in separators; if they are one model, keep one id and make the other an alias',
      },
    ]);
    expect(problems[0]?.severity).toBe('warning');
  });

  it('a model no provider serves is a warning; a disabled offering does not count as serving', async () => {
    const problems = await validate({
      models: [{ id: 'served' }, { id: 'unlisted' }, { id: 'withdrawn' }],
      overrides: [
        { provider_id: 'acme', model_id: 'served', priority: 0 },
        { provider_id: 'acme', model_id: 'withdrawn', priority: 100, reason: 'withdrawn', disabled: true },
      ],
    });
    expect(problems.map((p) => [p.severity, p.code, p.entry])).toEqual([
      ['warning', 'orphan-model', 'models[1] "unlisted"'],
      ['warning', 'orphan-model', 'models[2] "withdrawn"'],
    ]);
  });

  it('beside schema errors, integrity checks report no ghosts of the rejected entries', async () => {
    const problems = await validate({
      models: [{ id: 'M' }],
      overrides: [{ provider_id: 'acme', model_id: 'm', priority: 0 }],
    });
    expect(problems.map((p) => p.code)).toEqual(['schema']);
  });
});

describe("a person's links", () => {
  const withLinks = (links: unknown[]) => ({ ...sampleCatalog(), links } as Parameters<typeof checkIntegrity>[0]);
  const linkProblems = (links: unknown[]) =>
    checkIntegrity(withLinks(links))
      .filter((p) => p.file === 'links.json')
      .map(({ code, entry, message }) => ({ code, entry, message }));

  it('a spelling linked to two models is an error, as is one that is another model\'s id or alias', () => {
    expect(
      linkProblems([
        { spelling: 'gpt-4o-latest', model_id: 'gpt-4o', relation: 'same' },
        { spelling: 'GPT-4o-latest', model_id: 'claude-sonnet-4.5', relation: 'same' },
        { spelling: 'claude-sonnet-4-5', model_id: 'gpt-4o', relation: 'same' },
      ]),
    ).toEqual([
      {
        code: 'link-two-models',
        entry: 'links[1] "GPT-4o-latest" -> claude-sonnet-4.5',
        message: '"GPT-4o-latest" is linked to two models, "gpt-4o" and "claude-sonnet-4.5"',
      },
      {
        code: 'link-two-models',
        entry: 'links[2] "claude-sonnet-4-5" -> gpt-4o',
        message: '"claude-sonnet-4-5" is model "claude-sonnet-4.5"\'s alias, but this link sends it to "gpt-4o"',
      },
    ]);
  });

  it('a link to a model not (yet) in models.json is a warning; the same pair twice is an error', () => {
    expect(linkProblems([{ spelling: 'x', model_id: 'no-such-model', relation: 'same' }]).map((p) => p.code)).toEqual([
      'unknown-model',
    ]);
    expect(
      linkProblems([
        { spelling: 'gpt-4o-2024-05-13', model_id: 'gpt-4o', relation: 'different' },
        { spelling: 'gpt-4o-2024-05-13', model_id: 'gpt-4o', relation: 'same' },
      ]).map((p) => p.code),
    ).toEqual(['duplicate-link']);
    expect(linkProblems([{ spelling: 'openai/chatgpt-4o', model_id: 'gpt-4o', relation: 'different' }])).toEqual([]);
  });
});
