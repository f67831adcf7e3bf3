import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCatalog } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { cliTestCatalog } from '@llm-catalog/testkit/cli-catalog';

let tmp: TempDataDir | undefined;
afterEach(async () => {
  await tmp?.cleanup();
  tmp = undefined;
});

const SECRET = 'sk-discover-secret';
const ENV = {
  GROQ_API_KEY: SECRET,
  OPENAI_API_KEY: '',
  PROVIDER_MYLAB_URL: 'https://llm.example.com/v1',
  PROVIDER_MYLAB_KEY: SECRET,
};

async function run(args: string[], env: NodeJS.ProcessEnv = ENV) {
  tmp ??= await makeTempDataDir(cliTestCatalog());
  return { ...(await runCliCaptured(['--data', tmp.dir, ...args], { env })), dir: tmp.dir };
}

describe('catalog discover', () => {
  it('lists what the environment reveals and what it would add, without the keys', async () => {
    const dir = (tmp = await makeTempDataDir(cliTestCatalog())).dir;
    const before = await readFile(join(dir, 'providers.json'), 'utf8');
    const result = await run(['discover']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^groq\s+key\s+GROQ_API_KEY set\s+in catalog$/m);
    expect(result.stdout).toMatch(
      /^mylab\s+custom URL\s+PROVIDER_MYLAB_URL=https:\/\/llm\.example\.com\/v1, PROVIDER_MYLAB_KEY set\s+new: would add \(OPENAI, models at https:\/\/llm\.example\.com\/v1\/models\)$/m,
    );
    expect(result.stdout).not.toMatch(/^openai/m);
    expect(result.stdout).toContain('run `catalog discover --save` to add 1 new provider');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(await readFile(join(dir, 'providers.json'), 'utf8')).toBe(before);
  });

  it('--save adds the new providers to providers.json', async () => {
    const result = await run(['discover', '--save']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('added 1 provider to providers.json: mylab');
    const { catalog } = await readCatalog(result.dir);
    expect(catalog.providers.find((p) => p.id === 'mylab')).toMatchObject({
      api_key_env: 'PROVIDER_MYLAB_KEY',
      formats: [{ format: 'OPENAI', base_url: 'https://llm.example.com/v1', default: true }],
    });
    const again = await run(['--json', 'discover', '--save']);
    expect(JSON.parse(again.stdout)).toMatchObject({ saved: [] });
  });

  it('warns about variables it cannot use and exits 1', async () => {
    const result = await run(['discover'], { PROVIDER_BROKEN_URL: 'not a url' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('warning PROVIDER_BROKEN_URL is not an absolute URL; ignored');
    expect(result.stdout).toContain('no providers found in the environment');
  });

  it('--json prints the discovery as one document', async () => {
    const doc = JSON.parse((await run(['--json', 'discover'])).stdout) as { found: { id: string; key: string }[] };
    expect(doc.found.map((f) => [f.id, f.key])).toEqual([
      ['groq', 'found'],
      ['mylab', 'found'],
    ]);
  });

  it('--json names every field in snake_case, like every other document', async () => {
    const text = (await run(['--json', 'discover'])).stdout;
    const keys = [...text.matchAll(/"([^"]+)":/g)].map((m) => m[1] as string);
    expect(keys).toContain('in_catalog');
    expect(keys).toContain('base_url');
    expect(keys.filter((k) => /[A-Z]/.test(k) && !/^[A-Z0-9_]+$/.test(k))).toEqual([]);
  });
});

describe('sync --all with a custom provider in the environment', () => {
  it('syncs it like any other and saves it with its models', async () => {
    const mock = await startMockServer({
      routes: [{ path: '/lab/v1/models', pages: [{ object: 'list', data: [{ id: 'lab-chat-1', object: 'model', owned_by: 'lab' }] }] }],
    });
    try {
      // The catalog's own providers have no key set here, so they are skipped and nothing leaves 127.0.0.1.
      const result = await run(['--json', 'sync', '--all'], { PROVIDER_MYLAB_URL: `${mock.url}/lab/v1`, PROVIDER_MYLAB_KEY: SECRET });
      const doc = JSON.parse(result.stdout) as { providers: { id: string; status: string; fetched: number }[] };
      expect(doc.providers.find((p) => p.id === 'mylab')).toMatchObject({ status: 'updated', fetched: 1 });
      expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
      const { catalog } = await readCatalog(result.dir);
      expect(catalog.providers.find((p) => p.id === 'mylab')?.api_key_env).toBe('PROVIDER_MYLAB_KEY');
      expect(catalog.overrides.filter((o) => o.provider_id === 'mylab').map((o) => o.model_id)).toEqual(['lab-chat-1']);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    } finally {
      await mock.close();
    }
  });
});
