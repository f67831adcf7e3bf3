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
const run = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCliCaptured(['--data', dir, ...args], { env });
const dataText = async (dir: string) =>
  Promise.all(['providers.json', 'models.json', 'overrides.json'].map((f) => readFile(join(dir, f), 'utf8')));

describe('providers list / show', () => {
  it('lists every provider with its model count and whether its key is set, never the key', async () => {
    const dir = await setup();
    const result = await run(dir, ['providers', 'list'], { GROQ_API_KEY: 'gsk-secret-value' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^groq\s+Groq\s+OPENAI\s+2\s+GROQ_API_KEY set\s+enabled/m);
    expect(result.stdout).toMatch(/^openai\s+Openai\s+OPENAI\s+1\s+OPENAI_API_KEY missing/m);
    expect(result.stdout).toMatch(/^perplexity\s+.*\snone\s*$/m);
    expect(result.stdout).not.toContain('gsk-secret-value');
  });

  it('--json prints one document', async () => {
    const dir = await setup();
    const result = await run(dir, ['--json', 'providers', 'list']);
    const doc = JSON.parse(result.stdout) as { providers: { id: string; models: number; key: string; sync: string }[] };
    expect(doc.providers.map((p) => [p.id, p.models, p.key, p.sync])).toEqual([
      ['groq', 2, 'missing', 'enabled'],
      ['openai', 1, 'missing', 'enabled'],
      ['perplexity', 1, 'missing', 'none'],
    ]);
  });

  it('shows one provider; an unknown id is a clear error', async () => {
    const dir = await setup();
    const shown = await run(dir, ['providers', 'show', 'groq']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/models endpoint\s+https:\/\/api\.groq\.com\/openai\/v1\/models \(openai transformer\)/);
    expect(shown.stdout).toMatch(/overrides\s+3 \(1 manual\)/);
    const unknown = await run(dir, ['providers', 'show', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: unknown provider "nope" (not in providers.json); see `catalog providers list`\n');
  });
});

describe('providers add', () => {
  it('detects the format and models endpoint from a known URL', async () => {
    const dir = await setup();
    const result = await run(dir, ['providers', 'add', '--name', 'Anthropic', '--base-url', 'https://api.anthropic.com']);
    expect(result.code).toBe(0);
    const { catalog } = await readCatalog(dir);
    expect(catalog.providers.find((p) => p.id === 'anthropic')).toEqual({
      id: 'anthropic',
      name: 'Anthropic',
      authentication: 'API_KEY',
      formats: [{ format: 'ANTHROPIC', base_url: 'https://api.anthropic.com', default: true }],
      models_api: {
        enabled: true,
        update_frequency: 'daily',
        endpoints: [
          {
            url: 'https://api.anthropic.com/v1/models',
            endpoint_type: 'MESSAGES',
            format: 'ANTHROPIC',
            transformer: 'anthropic',
            auth: { header_name: 'x-api-key', prefix: '' },
            headers: { 'anthropic-version': '2023-06-01' },
          },
        ],
      },
    });
  });

  it('an unknown URL is assumed OpenAI-compatible, with its key variable and models at <base>/models', async () => {
    const dir = await setup();
    const result = await run(dir, ['providers', 'add', '--name', 'My Lab', '--base-url', 'https://llm.example.com/v1/', '--key-env', 'MYLAB_KEY']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('assumed OpenAI-compatible');
    expect(result.stdout).toContain('added provider "my-lab"');
    const { catalog } = await readCatalog(dir);
    expect(catalog.providers.find((p) => p.id === 'my-lab')).toMatchObject({
      api_key_env: 'MYLAB_KEY',
      formats: [{ format: 'OPENAI', base_url: 'https://llm.example.com/v1', default: true }],
      models_api: { endpoints: [{ url: 'https://llm.example.com/v1/models', transformer: 'openai' }] },
    });
  });

  it('refuses a base URL the catalog already has, and writes nothing', async () => {
    const dir = await setup();
    const before = await readFile(join(dir, 'providers.json'), 'utf8');
    const result = await run(dir, ['providers', 'add', '--name', 'Groq EU', '--base-url', 'https://api.groq.com/openai/v1/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the catalog already has https://api.groq.com/openai/v1 as provider "groq"; nothing was written');
    expect(await readFile(join(dir, 'providers.json'), 'utf8')).toBe(before);
  });

  it('edits a provider in place and clears a field given an empty value', async () => {
    const dir = await setup();
    const edited = await run(dir, ['providers', 'edit', 'groq', '--name', 'Groq Cloud', '--website', 'https://groq.com', '--update-frequency', 'weekly']);
    expect(edited.code).toBe(0);
    const groq = (await readCatalog(dir)).catalog.providers.find((p) => p.id === 'groq');
    expect(groq).toMatchObject({ name: 'Groq Cloud', website: 'https://groq.com', models_api: { update_frequency: 'weekly' } });
    await run(dir, ['providers', 'edit', 'groq', '--website', '']);
    expect((await readCatalog(dir)).catalog.providers.find((p) => p.id === 'groq')?.website).toBeUndefined();
    const bad = await run(dir, ['providers', 'edit', 'groq', '--update-frequency', 'hourly']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--update-frequency "hourly"');
  });

  it('a local server found by its port takes no key', async () => {
    const dir = await setup();
    await run(dir, ['providers', 'add', '--name', 'GPU box', '--base-url', 'http://gpu-box:11434']);
    const { catalog } = await readCatalog(dir);
    expect(catalog.providers.find((p) => p.id === 'gpu-box')).toMatchObject({
      authentication: 'NONE',
      formats: [{ format: 'OLLAMA' }],
      models_api: { endpoints: [{ url: 'http://gpu-box:11434/api/tags', transformer: 'ollama' }] },
    });
  });

  it.each([
    [['--name', 'Groq', '--base-url', 'https://api.groq.com/openai/v1'], 'error: provider "groq" already exists in providers.json; nothing was written\n'],
    [['--name', 'X', '--base-url', 'llm.example.com'], 'error: --base-url "llm.example.com" is not an absolute URL\n'],
    [['--name', 'X', '--base-url', 'https://me:pw@llm.example.com'], 'error: --base-url "https://me:pw@llm.example.com" must not contain credentials; put the key in its own variable\n'],
    [['--name', 'X', '--base-url', 'https://x.example', '--format', 'SOAP'], 'error: unknown format "SOAP" (OPENAI, ANTHROPIC, GEMINI, OLLAMA, CUSTOM)\n'],
    [['--name', 'X', '--base-url', 'https://x.example', '--transformer', 'magic'], 'error: unknown transformer "magic" (openai, openrouter, aihubmix, ollama, anthropic, gemini)\n'],
    [['--name', 'X', '--base-url', 'https://x.example', '--key-env', 'sk-live-123'], 'error: --key-env "sk-live-123" must be an UPPER_SNAKE_CASE variable name (the variable, never the key)\n'],
  ])('refuses %j with a clear error and writes nothing', async (args, message) => {
    const dir = await setup();
    const before = await dataText(dir);
    const result = await run(dir, ['providers', 'add', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
    expect(await dataText(dir)).toEqual(before);
  });
});

describe('providers remove', () => {
  it('refuses while overrides reference the provider, and writes nothing', async () => {
    const dir = await setup();
    const before = await dataText(dir);
    const result = await run(dir, ['providers', 'remove', 'groq']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: 3 overrides in overrides.json reference "groq" (1 manual); pass --force to remove them with the provider; nothing was written\n',
    );
    expect(await dataText(dir)).toEqual(before);
  });

  it('--force removes the provider with its overrides and says which models no one serves now', async () => {
    const dir = await setup();
    const result = await run(dir, ['providers', 'remove', 'groq', '--force']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('removed provider "groq" and its 3 overrides (1 manual)');
    expect(result.stdout).toContain('2 models are now served by no provider');
    const { catalog } = await readCatalog(dir);
    expect(catalog.providers.map((p) => p.id)).toEqual(['openai', 'perplexity']);
    expect(catalog.overrides.some((o) => o.provider_id === 'groq')).toBe(false);
  });

  it('removes a provider nothing references without --force', async () => {
    const dir = await setup();
    await run(dir, ['providers', 'add', '--name', 'Spare', '--base-url', 'https://spare.example/v1']);
    expect((await run(dir, ['providers', 'remove', 'spare'])).code).toBe(0);
    expect((await readCatalog(dir)).catalog.providers.map((p) => p.id)).toEqual(['groq', 'openai', 'perplexity']);
  });
});

describe('providers enable / disable', () => {
  it('switches whether sync and health include the provider', async () => {
    const dir = await setup();
    expect((await run(dir, ['providers', 'disable', 'groq'])).stdout).toContain('disabled "groq"');
    expect((await readCatalog(dir)).catalog.providers.find((p) => p.id === 'groq')?.models_api?.enabled).toBe(false);
    const before = await dataText(dir);
    expect((await run(dir, ['providers', 'disable', 'groq'])).stdout).toContain('already disabled; nothing changed');
    expect(await dataText(dir)).toEqual(before);
    await run(dir, ['providers', 'enable', 'groq']);
    expect((await readCatalog(dir)).catalog.providers.find((p) => p.id === 'groq')?.models_api?.enabled).toBe(true);
  });

  it('a provider without a models endpoint cannot be enabled', async () => {
    const dir = await setup();
    const result = await run(dir, ['providers', 'enable', 'perplexity']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: "perplexity" has no models_api in providers.json, so there is nothing to enable\n');
  });
});
