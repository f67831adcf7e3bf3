import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelsApiEndpoint, Provider } from '@llm-catalog/catalog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRoute, PROVIDER_FIXTURES } from '@llm-catalog/testkit/fixtures';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { syntheticListBody, syntheticModelId } from '@llm-catalog/testkit/mock-server/synthetic';
import { FetchError } from './errors.ts';
import { fetchModelList } from './fetch-models.ts';

let mock: MockServer;
beforeEach(async () => {
  mock = await startMockServer();
});
afterEach(async () => {
  await mock.close();
});

const endpoint = (path: string, over: Partial<ModelsApiEndpoint> = {}): ModelsApiEndpoint => ({
  url: `${mock.url}${path}`,
  endpoint_type: 'CHAT_COMPLETIONS',
  format: 'OPENAI',
  transformer: 'openai',
  ...over,
});

const provider = (endpoints: ModelsApiEndpoint[], over: Partial<Provider> = {}): Provider => ({
  id: 'acme',
  name: 'Acme',
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: mock.url, default: true }],
  models_api: { enabled: true, update_frequency: 'daily', endpoints },
  ...over,
});

const env = { ACME_API_KEY: 'acme-key-0123456789' };
const fast = { retries: 0, timeoutMs: 1_000 };

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchModelList', () => {
  it('follows Anthropic paging, merging each next-page query into the URL', async () => {
    const route = await fixtureRoute(PROVIDER_FIXTURES.find((f) => f.providerId === 'anthropic')!, 'initial');
    mock.setRoute(route);
    const list = await fetchModelList(
      provider([endpoint(route.path, { format: 'ANTHROPIC', transformer: 'anthropic', endpoint_type: 'MESSAGES' })]),
      { env, ...fast },
    );
    const pages = route.pages as { data: { id: string }[] }[];
    expect(list.models.map((m) => m.provider_model_id)).toEqual(pages.flatMap((p) => p.data.map((m) => m.id)));
    expect(mock.requests.map((r) => r.query.after_id)).toEqual([undefined, pages[0]?.data.at(-1)?.id]);
  });

  it('concatenates every endpoint of the models_api', async () => {
    mock.setRoute({ path: '/chat/models', pages: [syntheticListBody([1, 2])] });
    mock.setRoute({ path: '/embed/models', pages: [syntheticListBody([3])] });
    const list = await fetchModelList(provider([endpoint('/chat/models'), endpoint('/embed/models')]), { env, ...fast });
    expect(list.models.map((m) => m.id)).toEqual([1, 2, 3].map(syntheticModelId));
  });

  it('fetches the endpoints at once, and keeps their order in the list', async () => {
    // The first endpoint answers only once the second has been asked: a one-by-one fetch times out.
    let releaseFirst: () => void = () => undefined;
    const secondAsked = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const server = createServer((req, res) => {
      const send = (ids: number[]) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(syntheticListBody(ids)));
      if (req.url === '/first/models') void secondAsked.then(() => send([1, 2]));
      else {
        releaseFirst();
        send([3]);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const list = await fetchModelList(
        provider([endpoint('', { url: `${base}/first/models` }), endpoint('', { url: `${base}/second/models` })]),
        { env, retries: 0, timeoutMs: 2_000 },
      );
      expect(list.models.map((m) => m.id)).toEqual([1, 2, 3].map(syntheticModelId));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('passes on the warnings of malformed entries and keeps the rest of the list', async () => {
    const body = syntheticListBody([1, 2]);
    mock.setRoute({ path: '/v1/models', pages: [{ ...body, data: [...body.data, { object: 'model' }] }] });
    const list = await fetchModelList(provider([endpoint('/v1/models')]), { env, ...fast });
    expect(list.models).toHaveLength(2);
    expect(list.warnings).toEqual([expect.objectContaining({ index: 2, skipped: true })]);
  });

  it('refuses before any request when the key is missing', async () => {
    const err = await failure(fetchModelList(provider([endpoint('/v1/models')]), { env: {}, ...fast }));
    expect(err.kind).toBe('missing-key');
    expect(err.message).toBe('acme: ACME_API_KEY is not set');
    expect(mock.requests).toEqual([]);
  });

  it('sends no credentials for a provider that takes no key', async () => {
    mock.setRoute({ path: '/v1/models', pages: [syntheticListBody([1])] });
    await fetchModelList(provider([endpoint('/v1/models')], { authentication: 'NONE' }), { env, ...fast });
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('lists a public endpoint without a key, and sends the key when it is set', async () => {
    mock.setRoute({ path: '/v1/models', pages: [syntheticListBody([1])] });
    const open = provider([endpoint('/v1/models', { public: true })]);
    expect((await fetchModelList(open, { env: {}, ...fast })).models).toHaveLength(1);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
    await fetchModelList(open, { env, ...fast });
    expect(mock.requests[1]?.headers.authorization).toBe(`Bearer ${env.ACME_API_KEY}`);
  });

  it('fetches Ollama from OLLAMA_BASE_URL instead of the catalog URL', async () => {
    mock.setRoute({ path: '/api/tags', pages: [{ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }] }] });
    const ollama = provider([endpoint('/api/tags', { url: 'http://127.0.0.1:9/api/tags', format: 'OLLAMA', transformer: 'ollama' })], {
      id: 'ollama',
      authentication: 'NONE',
    });
    const list = await fetchModelList(ollama, { env: { OLLAMA_BASE_URL: mock.url }, ...fast });
    expect(list.models.map((m) => m.id)).toEqual(['llama3.2']);
    expect(mock.requests[0]?.path).toBe('/api/tags');
  });

  it('reports an error in a 200 body as an upstream error', async () => {
    mock.setRoute({
      path: '/v1/models',
      pages: [syntheticListBody([1])],
      fault: { kind: 'error-body', style: 'success-false', message: 'quota exhausted' },
    });
    const err = await failure(fetchModelList(provider([endpoint('/v1/models')]), { env, ...fast }));
    expect(err.kind).toBe('upstream');
    expect(err.message).toBe('acme: the provider answered with an error: quota exhausted');
  });

  it('stops a list whose next page is one already fetched', async () => {
    const page = { data: [{ type: 'model', id: 'claude-x', display_name: 'X' }], has_more: true, last_id: 'claude-x' };
    mock.setRoute({ path: '/v1/models', pages: [page] });
    const err = await failure(
      fetchModelList(
        provider([endpoint('/v1/models', { format: 'ANTHROPIC', transformer: 'anthropic', endpoint_type: 'MESSAGES' })]),
        { env, ...fast },
      ),
    );
    expect(err.message).toBe('acme: pagination loops: page 3 asks for a page already fetched');
    expect(mock.requests).toHaveLength(2);
  });

  it('stops after the page limit', async () => {
    const route = await fixtureRoute(PROVIDER_FIXTURES.find((f) => f.providerId === 'gemini')!, 'initial');
    mock.setRoute(route);
    const gemini = endpoint(route.path, { format: 'GEMINI', transformer: 'gemini', endpoint_type: 'GENERATE_CONTENT' });
    const err = await failure(fetchModelList(provider([gemini]), { env, ...fast, maxPages: 1 }));
    expect(err.message).toBe('acme: more than 1 pages; stopped');
  });

  describe('a key inside a list body', () => {
    const key = env.ACME_API_KEY;
    const other = 'other-provider-key-ABCDEF';
    const serve = (body: unknown) => mock.setRoute({ path: '/v1/models', pages: [body] });

    it.each([
      ['as a price', { id: 'priced', pricing: { prompt: key } }],
      ['inside an id', { id: `leak-${key}` }],
      ['in another case inside a name', { id: 'named', name: `Model ${key.toUpperCase()}` }],
      ["of another provider of the run", { id: 'other', owned_by: other }],
    ])('%s: the entry is refused with a warning that does not quote it', async (_where, entry) => {
      serve({ object: 'list', data: [{ id: 'clean-model' }, entry] });
      const list = await fetchModelList(provider([endpoint('/v1/models')]), { env, secrets: [other], ...fast });
      expect(list.models.map((m) => m.provider_model_id)).toEqual(['clean-model']);
      expect(list.warnings).toEqual([
        { index: 1, message: 'skipped: a value in this entry holds an API key this run uses; not written', skipped: true },
      ]);
      expect(JSON.stringify(list).toLowerCase()).not.toContain(key.toLowerCase());
      expect(JSON.stringify(list).toLowerCase()).not.toContain(other.toLowerCase());
    });

    it('keeps positions of the body as received in the warnings about the other entries', async () => {
      serve({ object: 'list', data: [{ id: `leak-${key}` }, null, { id: 'ok' }] });
      const list = await fetchModelList(provider([endpoint('/v1/models')]), { env, ...fast });
      expect(list.warnings.map((w) => w.index)).toEqual([0, 1]);
      expect(list.models.map((m) => m.id)).toEqual(['ok']);
    });

    it('an error sent with HTTP 200 that quotes the key after 300 characters leaks no part of it', async () => {
      serve({ error: { message: `${'x'.repeat(290)} ${key}` } });
      const err = await failure(fetchModelList(provider([endpoint('/v1/models')]), { env, ...fast }));
      expect(err.message).not.toContain(key.slice(0, 6));
    });

    it('a value shorter than a key, or a short key, is not looked for', async () => {
      serve({ object: 'list', data: [{ id: 'acme-key' }] });
      const list = await fetchModelList(provider([endpoint('/v1/models')]), { env, secrets: ['short'], ...fast });
      expect(list.models.map((m) => m.id)).toEqual(['acme-key']);
    });
  });
});
