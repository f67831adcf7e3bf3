/**
 * Synthetic catalogs for the benchmark: providers whose list-models endpoints point at the mock
 * server, base models from the synthetic pool, and overrides in the mix a synced catalog has
 * (membership markers, provider prices, a few manual overrides).
 */
import { join } from 'node:path';
import {
  type Catalog,
  generatedJsonSchemas,
  type Model,
  type Override,
  type Provider,
  roundPrice,
  writeCatalog,
  writeFileAtomic,
} from '@llm-catalog/catalog';
import {
  syntheticModelFacts,
  syntheticModelNumbers,
  syntheticProviderId,
  syntheticRoutePath,
} from '@llm-catalog/testkit/mock-server/synthetic';

/** Every synthetic provider reads its key from this one variable. */
export const BENCH_KEY_ENV = 'BENCH_API_KEY';

/** Every this-many-th override of a provider is a person's (priority 100) instead of a sync's. */
const MANUAL_EVERY = 25;
/** Every this-many-th auto override records a provider price that differs from the list price. */
const PRICED_EVERY = 10;

export interface BenchCatalogSpec {
  providers: number;
  /** Base models in models.json. */
  models: number;
  /** Overrides in overrides.json, spread evenly over the providers. */
  overrides: number;
}

/** A provider whose list-models endpoint is the mock server's synthetic route. */
export function syntheticProvider(index: number, mockUrl: string): Provider {
  const id = syntheticProviderId(index);
  return {
    id,
    name: `Synthetic ${index + 1}`,
    authentication: 'API_KEY',
    api_key_env: BENCH_KEY_ENV,
    formats: [{ format: 'OPENAI', base_url: `${mockUrl}/${id}/v1`, default: true }],
    metadata: { tags: ['cloud'] },
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [
        { url: `${mockUrl}${syntheticRoutePath(index)}`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' },
      ],
    },
  };
}

const usd = (cents: number) => ({ per_million_tokens: roundPrice(cents / 100), currency: 'USD' });

export function syntheticBaseModel(n: number, source: string): Model {
  const f = syntheticModelFacts(n);
  return {
    id: f.id,
    name: f.name,
    owned_by: f.ownedBy,
    context_window: f.contextWindow,
    max_output_tokens: f.maxOutputTokens,
    input_modalities: ['TEXT'],
    output_modalities: ['TEXT'],
    ...(n % 3 === 0 ? { capabilities: ['FUNCTION_CALL' as const] } : {}),
    pricing: { input: usd(f.inputCentsPerMillion), output: usd(f.outputCentsPerMillion) },
    metadata: { source },
  };
}

/**
 * Which pool models provider `index` serves in a catalog built from `spec`: providers start evenly
 * spaced along the pool, so together they serve every model.
 */
export function servedModelNumbers(spec: BenchCatalogSpec, index: number, count: number): number[] {
  return syntheticModelNumbers(index, count, spec.models, Math.max(1, Math.floor(spec.models / spec.providers)));
}

function providerOverrides(spec: BenchCatalogSpec, index: number, quota: number): Override[] {
  const providerId = syntheticProviderId(index);
  const numbers = servedModelNumbers(spec, index, quota);
  return numbers.map((n, j): Override => {
    const f = syntheticModelFacts(n);
    if (j % MANUAL_EVERY === MANUAL_EVERY - 1) {
      return {
        provider_id: providerId,
        model_id: f.id,
        priority: 100,
        reason: 'negotiated enterprise price',
        pricing: { input: usd(Math.round(f.inputCentsPerMillion / 2)) },
      };
    }
    if (j % PRICED_EVERY === 0) {
      return { provider_id: providerId, model_id: f.id, priority: 0, pricing: { input: usd(f.inputCentsPerMillion + 5) } };
    }
    return { provider_id: providerId, model_id: f.id, priority: 0 };
  });
}

/** A valid catalog of exactly the sizes asked for. */
export function generateBenchCatalog(spec: BenchCatalogSpec, mockUrl: string): Catalog {
  const providers = Array.from({ length: spec.providers }, (_, i) => syntheticProvider(i, mockUrl));
  const quota = Math.floor(spec.overrides / spec.providers);
  const extra = spec.overrides - quota * spec.providers;
  const overrides = providers.flatMap((_, i) => providerOverrides(spec, i, quota + (i < extra ? 1 : 0)));
  const firstServer = new Map<string, string>();
  for (const o of overrides) if (!firstServer.has(o.model_id)) firstServer.set(o.model_id, o.provider_id);
  const models = Array.from({ length: spec.models }, (_, n) => {
    const id = syntheticModelFacts(n).id;
    return syntheticBaseModel(n, firstServer.get(id) ?? 'manual');
  });
  return { providers, models, overrides };
}

/** Writes a catalog as a data directory with the project's own writer and JSON Schemas. */
export async function writeBenchDataDir(dir: string, catalog: Catalog, now = new Date('2026-01-01T00:00:00Z')): Promise<void> {
  await writeCatalog(dir, catalog, {}, now);
  for (const [rel, text] of Object.entries(generatedJsonSchemas())) await writeFileAtomic(join(dir, rel), text);
}

/**
 * A models.dev body (`api.json` shape) listing `perProvider` models under each synthetic provider of
 * a catalog built from `spec`, with prices and limits: what `import models.dev` reads.
 */
export function syntheticModelsDevBody(spec: BenchCatalogSpec, perProvider: number): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (let i = 0; i < spec.providers; i++) {
    const id = syntheticProviderId(i);
    const models: Record<string, unknown> = {};
    for (const n of servedModelNumbers(spec, i, perProvider)) {
      const f = syntheticModelFacts(n);
      models[f.id] = {
        id: f.id,
        name: f.name,
        attachment: false,
        reasoning: false,
        tool_call: n % 3 === 0,
        release_date: '2026-01-01',
        last_updated: '2026-01-01',
        modalities: { input: ['text'], output: ['text'] },
        open_weights: false,
        // Every seventh price differs from the list price, as reference catalogs differ from providers.
        cost: { input: (f.inputCentsPerMillion + (n % 7 === 0 ? 1 : 0)) / 100, output: f.outputCentsPerMillion / 100 },
        limit: { context: f.contextWindow, output: f.maxOutputTokens },
      };
    }
    body[id] = { id, name: `Synthetic ${i + 1}`, env: [BENCH_KEY_ENV], npm: '@ai-sdk/openai-compatible', models };
  }
  return body;
}
