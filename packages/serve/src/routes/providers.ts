import {
  addProvider,
  byCodePoint,
  editCatalog,
  editProvider,
  findProviderOrThrow,
  type Provider,
  providerWithBaseUrl,
  removeProvider,
  setProviderSyncEnabled,
} from '@llm-catalog/catalog';
import { draftProvider, keyStatusOf, probeProvider, probeProviders, ProviderSelectionError, selectProviders } from '@llm-catalog/sync';
import type { z } from 'zod';
import type { ApiRoutes } from '../api-routes.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { OfferingRow } from '../schemas.ts';
import {
  AddProviderSchema,
  DetectRequestSchema,
  EditProviderSchema,
  HealthQuerySchema,
  RemoveProviderQuerySchema,
  TestConnectionSchema,
} from '../schemas.ts';

/** Which variable holds the key and whether it is set; never the value. */
function keyOf(provider: Provider, env: NodeJS.ProcessEnv) {
  const k = keyStatusOf(provider, env);
  return { ...(k.envVar ? { key_env: k.envVar } : {}), key: k.status === 'found' ? ('set' as const) : k.status };
}

const defaultFormat = (p: Provider) => p.formats.find((f) => f.default) ?? p.formats[0];

function providerSummary(p: Provider, rows: readonly OfferingRow[], env: NodeJS.ProcessEnv) {
  const served = rows.filter((r) => r.provider_id === p.id);
  return {
    id: p.id,
    name: p.name,
    format: defaultFormat(p)?.format,
    base_url: defaultFormat(p)?.base_url,
    models: served.filter((r) => !r.disabled).length,
    disabled_models: served.filter((r) => r.disabled).length,
    ...keyOf(p, env),
    sync: p.models_api ? (p.models_api.enabled ? 'enabled' : 'disabled') : 'none',
    ...(p.models_api?.last_synced ? { last_synced: p.models_api.last_synced } : {}),
    tags: p.metadata?.tags ?? [],
    ...(p.deprecated ? { deprecated: true } : {}),
  };
}

/** One row of `GET /api/providers`. */
export type ProviderSummary = ReturnType<typeof providerSummary>;

type DraftInput = z.infer<typeof TestConnectionSchema> & { name?: string; id?: string };

/** The shared draft of the add form and the connection test: same detection as `catalog providers add`. */
function draftOf(input: DraftInput) {
  return draftProvider({
    name: input.name ?? 'new provider',
    baseUrl: input.base_url,
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.format ? { format: input.format } : {}),
    ...(input.key_env ? { keyEnv: input.key_env } : {}),
    ...(input.takes_key !== undefined ? { key: input.takes_key } : {}),
    ...(input.transformer ? { transformer: input.transformer } : {}),
    ...(input.models_url ? { modelsUrl: input.models_url } : {}),
  });
}

const TEST_TIMEOUT_MS = 10_000;

/** List, show and detect: what the catalog has, and what a URL is. */
function registerProviderReads(api: ApiRoutes, ctx: ServerContext): void {
  api.add({ method: 'get', path: '/api/providers', summary: 'every provider: format, models, key set or missing, sync state, last synced' }, async () => {
    const { catalog, rows } = await ctx.store.get();
    const providers = [...catalog.providers].sort((a, b) => byCodePoint(a.id, b.id)).map((p) => providerSummary(p, rows, ctx.env));
    return { providers };
  });

  api.add({ method: 'get', path: '/api/providers/:id', summary: 'one provider in full, with its key state and model counts' }, async (c) => {
    const { catalog, rows } = await ctx.store.get();
    const provider = findProviderOrThrow(catalog, c.req.param('id') ?? '');
    const overrides = catalog.overrides.filter((o) => o.provider_id === provider.id);
    return {
      provider,
      summary: providerSummary(provider, rows, ctx.env),
      overrides: overrides.length,
      manual_overrides: overrides.filter((o) => o.priority >= 100).length,
    };
  });

  api.add(
    { method: 'post', path: '/api/providers/detect', summary: 'what a base URL is: detected type, format, models URL, key variable, and whether the catalog has it', body: DetectRequestSchema },
    async (_c, { body }) => {
      const { catalog } = await ctx.store.get();
      const draft = draftOf({ base_url: body.base_url });
      const endpoint = draft.provider.models_api?.endpoints[0];
      const existing = providerWithBaseUrl(catalog.providers, draft.provider.formats[0]?.base_url ?? body.base_url);
      return {
        base_url: draft.provider.formats[0]?.base_url,
        detected: draft.detected ? { type: draft.detected.type, name: draft.detected.name, provider_id: draft.detected.providerId ?? null } : null,
        format: draft.provider.formats[0]?.format,
        models_url: endpoint?.url ?? null,
        transformer: endpoint?.transformer ?? null,
        takes_key: draft.provider.authentication !== 'NONE',
        suggested_id: draft.detected?.providerId ?? null,
        existing_provider: existing?.id ?? null,
        notes: draft.notes,
      };
    },
  );
}

/** Add, edit, enable, disable and remove, each one library edit through editCatalog. */
function registerProviderEdits(api: ApiRoutes, ctx: ServerContext): void {
  api.add({ method: 'post', path: '/api/providers', summary: 'add a provider (format and models endpoint detected from the URL when not given)', body: AddProviderSchema, status: 201 }, async (_c, { body }) => {
    const { provider, notes } = draftOf(body);
    const { written } = await editCatalog(ctx.dataDir, (catalog) => ({ catalog: addProvider(catalog, provider), result: undefined }));
    return { added: provider, notes, written };
  });

  api.add({ method: 'patch', path: '/api/providers/:id', summary: "edit a provider's fields; null clears one; enabled switches sync", body: EditProviderSchema }, async (c, { body }) => {
    const id = c.req.param('id') ?? '';
    const { enabled, ...patch } = body;
    if (enabled === undefined && Object.keys(patch).length === 0) throw new ApiError(400, 'invalid-body', 'body: nothing to edit');
    const { result } = await editCatalog(ctx.dataDir, (catalog) => {
      let next = catalog;
      let changed = false;
      if (Object.keys(patch).length > 0) ({ catalog: next, changed } = editProvider(next, id, patch));
      if (enabled !== undefined) {
        const toggled = setProviderSyncEnabled(next, id, enabled);
        next = toggled.catalog;
        changed ||= toggled.changed;
      }
      return { catalog: next, result: { provider: findProviderOrThrow(next, id), changed } };
    });
    return result;
  });

  for (const enabled of [true, false]) {
    api.add(
      { method: 'post', path: `/api/providers/:id/${enabled ? 'enable' : 'disable'}`, summary: `${enabled ? 'include the provider in' : 'leave the provider out of'} sync --all and health` },
      async (c) => {
        const id = c.req.param('id') ?? '';
        const { result } = await editCatalog(ctx.dataDir, (catalog) => {
          const toggled = setProviderSyncEnabled(catalog, id, enabled);
          return { catalog: toggled.catalog, result: toggled.changed };
        });
        return { id, enabled, changed: result };
      },
    );
  }

  api.add({ method: 'delete', path: '/api/providers/:id', summary: 'remove a provider; refused (409) while overrides reference it unless force=true', query: RemoveProviderQuerySchema }, async (c, { query }) => {
    const id = c.req.param('id') ?? '';
    const { result } = await editCatalog(ctx.dataDir, (catalog) => removeProvider(catalog, id, { force: query.force === 'true' }));
    return { removed: id, ...result };
  });
}

/** Connection tests and health probes; nothing is written. */
function registerProviderProbes(api: ApiRoutes, ctx: ServerContext): void {
  api.add({ method: 'post', path: '/api/providers/:id/test', summary: "test a saved provider's connection: status, latency, models" }, async (c) => {
    const { catalog } = await ctx.store.get();
    const provider = findProviderOrThrow(catalog, c.req.param('id') ?? '');
    if (!provider.models_api) throw new ApiError(422, 'no-models-api', `"${provider.id}" has no models endpoint to test`);
    return probeProvider(provider, { env: ctx.env, timeoutMs: ctx.probeTimeoutMs ?? TEST_TIMEOUT_MS, retries: 0, missingKey: 'probe-without' });
  });

  api.add({ method: 'post', path: '/api/test', summary: 'test a URL before saving it as a provider (nothing is written)', body: TestConnectionSchema }, async (_c, { body }) => {
    const { provider, detected } = draftOf(body);
    if (!provider.models_api) throw new ApiError(422, 'no-models-api', 'no models endpoint: give models_url and transformer');
    const result = await probeProvider(provider, {
      env: ctx.env,
      timeoutMs: body.timeout_ms ?? ctx.probeTimeoutMs ?? TEST_TIMEOUT_MS,
      retries: 0,
      missingKey: 'probe-without',
    });
    return { ...result, detected: detected ? { type: detected.type, name: detected.name } : null };
  });

  api.add({ method: 'get', path: '/api/health', summary: "probe the enabled (or the named) providers' models endpoints", query: HealthQuerySchema }, async (_c, { query }) => {
    const { catalog } = await ctx.store.get();
    const ids = query.providers?.split(',').map((s) => s.trim()).filter(Boolean);
    let providers;
    try {
      providers = selectProviders(catalog.providers, ids && ids.length > 0 ? ids : 'all');
    } catch (err) {
      if (err instanceof ProviderSelectionError) throw new ApiError(404, 'unknown-provider', err.message);
      throw err;
    }
    const results = await probeProviders(providers, { env: ctx.env, timeoutMs: ctx.probeTimeoutMs ?? TEST_TIMEOUT_MS, missingKey: 'skip' });
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return { providers: results, totals: { providers: results.length, up: count('up'), down: count('down'), skipped: count('skipped') } };
  });
}

export function registerProviderRoutes(api: ApiRoutes, ctx: ServerContext): void {
  registerProviderReads(api, ctx);
  registerProviderEdits(api, ctx);
  registerProviderProbes(api, ctx);
}
