import { buildModelDocument, CapabilitySchema, editCatalog, estimateCost, findBaseModelId, ModalitySchema, toggleOffering } from '@llm-catalog/catalog';
import { buildChangeReport, buildModelHistory, readCatalogAtRef } from '@llm-catalog/sync';
import type { ApiRoutes } from '../api-routes.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { searchOfferings } from '../model-search.ts';
import { CostQuerySchema, HistoryQuerySchema, ModelSearchQuerySchema, ModelSearchResultSchema, OfferingToggleSchema, SORT_KEYS } from '../schemas.ts';

export function registerModelRoutes(api: ApiRoutes, ctx: ServerContext): void {
  api.add({ method: 'get', path: '/api/meta', summary: 'what the search filters accept: provider ids, capabilities, modalities, sort keys' }, async () => {
    const { catalog } = await ctx.store.get();
    return {
      providers: catalog.providers.map((p) => p.id).sort(),
      capabilities: CapabilitySchema.options,
      modalities: ModalitySchema.options,
      sorts: SORT_KEYS,
    };
  });

  api.add({ method: 'get', path: '/api/models', summary: 'search the offerings: text, provider, capability, modality, max price, min context; sorted and paged', query: ModelSearchQuerySchema, response: ModelSearchResultSchema }, async (_c, { query }) => {
    const { rows } = await ctx.store.get();
    return searchOfferings(rows, query);
  });

  api.add({ method: 'get', path: '/api/models/:id', summary: 'one model: its facts, who serves it (cheapest first) with prices and limits, and where each fact came from' }, async (c) => {
    const { index } = await ctx.store.get();
    const id = c.req.param('id') ?? '';
    const doc = buildModelDocument(index, id);
    if (!doc) throw new ApiError(404, 'unknown-model', `no model "${id}" in models.json (nor an alias or a provider's spelling of one)`);
    return doc;
  });

  api.add({ method: 'get', path: '/api/models/:id/history', summary: "a model's price and limit history at one provider, from the git log of the data files", query: HistoryQuerySchema }, async (c, { query }) => {
    const { index } = await ctx.store.get();
    const id = c.req.param('id') ?? '';
    if (!index.providers.has(query.provider)) throw new ApiError(404, 'unknown-provider', `unknown provider "${query.provider}"`);
    const baseId = findBaseModelId(index, id);
    if (!baseId) throw new ApiError(404, 'unknown-model', `no model "${id}" in models.json`);
    return buildModelHistory(ctx.dataDir, query.provider, baseId, query.limit ? { limit: query.limit } : {});
  });

  api.add({ method: 'put', path: '/api/offerings/:provider/:model', summary: "enable or disable one provider's offering of a model with a manual override (a reason is required)", body: OfferingToggleSchema }, async (c, { body }) => {
    const provider = c.req.param('provider') ?? '';
    const model = c.req.param('model') ?? '';
    const { result } = await editCatalog(ctx.dataDir, (catalog) => {
      const toggled = toggleOffering(catalog, {
        provider,
        model,
        disabled: body.disabled,
        ...(body.reason ? { reason: body.reason } : {}),
        ...(body.replace_with ? { replace_with: body.replace_with } : {}),
      });
      return { catalog: toggled.catalog, result: toggled };
    });
    return { provider_id: provider, model_id: result.model_id, disabled: body.disabled, change: result.change, ...(result.override ? { override: result.override } : {}) };
  });

  api.add({ method: 'get', path: '/api/cost', summary: 'what one request costs at a provider, from the catalog prices', query: CostQuerySchema }, async (_c, { query }) => {
    const { index } = await ctx.store.get();
    return { ...query, cost: estimateCost(index, query) };
  });

  api.add({ method: 'get', path: '/api/changes', summary: 'the pending change report: the data files in the work tree against HEAD, risk flags first' }, async () => {
    const [before, after] = await Promise.all([readCatalogAtRef(ctx.dataDir, 'HEAD'), readCatalogAtRef(ctx.dataDir, undefined)]);
    return buildChangeReport(before, after, { from: 'HEAD' });
  });
}
