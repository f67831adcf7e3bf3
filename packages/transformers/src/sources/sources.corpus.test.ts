import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { everyPrice, roundPrice } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../envelope.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { litellmSpelling, parseLiteLlm } from './litellm.ts';
import { parseModelsDev } from './models-dev.ts';
import { MAX_PLAUSIBLE_PER_MILLION } from './prices.ts';
import { catalogProviderId } from './provider-map.ts';
import type { SourceResult } from './types.ts';

// The dated snapshots live beside the repository, never in it; without them this suite is skipped.
const SNAPSHOTS = fileURLToPath(new URL('../../../../../shared/snapshots/', import.meta.url));
const MODELS_DEV = `${SNAPSHOTS}models-dev-api-2026-06-13.json`;
const LITELLM = `${SNAPSHOTS}litellm-model-prices-2026-07-24.json`;
const SEED_PROVIDERS = fileURLToPath(new URL('../../../../data/providers.json', import.meta.url));

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const seedProviderIds = () =>
  new Set((readJson(SEED_PROVIDERS) as { providers: { id: string }[] }).providers.map((p) => p.id));

/** Every value in a model that is a placeholder for "unknown": 0 limits, "" or []. Prices of 0 are real (free). */
function placeholders(model: NormalizedModel): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === '' || (Array.isArray(value) && value.length === 0)) out.push(path);
    else if (value === 0 && !/(per_million_tokens|price)$/.test(path)) out.push(path);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(model, model.provider_model_id);
  return out;
}

/** The checks every source's result passes on real data. */
function checkResult(result: SourceResult, bodyKeys: ReadonlySet<string>) {
  const offerings = Object.values(result.offerings).flat();
  expect(offerings.flatMap(placeholders)).toEqual([]);
  expect(offerings.filter((m) => 'description' in m).map((m) => m.provider_model_id)).toEqual([]);
  const badPrices = offerings.flatMap((m) =>
    everyPrice(m.pricing ?? {})
      .filter((p) => !Number.isFinite(p.amount) || p.amount < 0 || (!p.path.endsWith('per_image') && p.amount > MAX_PLAUSIBLE_PER_MILLION))
      .map((p) => `${m.provider_model_id} ${p.path} ${p.amount}`),
  );
  expect(badPrices).toEqual([]);
  // Every warning names an entry of the body, with a reason.
  expect(result.warnings.filter((w) => !bodyKeys.has(w.key) || w.message.trim() === '')).toEqual([]);
  return offerings;
}

describe.skipIf(!existsSync(MODELS_DEV) || !existsSync(SEED_PROVIDERS))('models.dev snapshot 2026-06-13', () => {
  it('gives 100+ providers and 4,000+ offerings; every entry lands or is skipped with a warning', () => {
    const body = readJson(MODELS_DEV) as Record<string, { models: Record<string, unknown> }>;
    const keys = new Set(Object.entries(body).flatMap(([p, v]) => [p, ...Object.keys(v.models).map((m) => `${p}/${m}`)]));
    const result = parseModelsDev(body, { known_providers: seedProviderIds() });
    const offerings = checkResult(result, keys);
    expect(Object.keys(result.offerings).length).toBeGreaterThanOrEqual(100);
    expect(offerings.length).toBeGreaterThanOrEqual(4_000);

    const skippedProviders = new Set(result.warnings.filter((w) => w.skipped && w.key === w.source_provider).map((w) => w.key));
    const skippedModels = result.warnings.filter((w) => w.skipped && w.key !== w.source_provider).length;
    const modelsOfKeptProviders = Object.entries(body)
      .filter(([p]) => !skippedProviders.has(p))
      .reduce((n, [, v]) => n + Object.keys(v.models).length, 0);
    expect(offerings.length + skippedModels).toBe(modelsOfKeptProviders);
  });

  it('every price equals the value in the body, float noise in the body (0.30000000000000004) rounded away', () => {
    const body = readJson(MODELS_DEV) as Record<string, { models: Record<string, { cost?: Record<string, unknown> }> }>;
    const result = parseModelsDev(body, { known_providers: seedProviderIds() });
    const mismatches: string[] = [];
    const skipped = new Set(result.warnings.filter((w) => w.skipped).map((w) => w.key));
    for (const [sourceProvider, provider] of Object.entries(body)) {
      const providerId = catalogProviderId('models.dev', sourceProvider);
      for (const [key, model] of Object.entries(provider.models)) {
        if (skipped.has(`${sourceProvider}/${key}`)) continue;
        const offering = result.offerings[providerId ?? '']?.find((m) => m.provider_model_id === key);
        if (!offering) continue;
        for (const field of ['input', 'output', 'cache_read', 'cache_write', 'reasoning', 'input_audio', 'output_audio'] as const) {
          const stated = model.cost?.[field];
          const written = offering.pricing?.[field]?.per_million_tokens;
          if (typeof stated === 'number' && written !== undefined && written !== roundPrice(stated)) {
            mismatches.push(`${sourceProvider}/${key} ${field}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe.skipIf(!existsSync(LITELLM) || !existsSync(SEED_PROVIDERS))('LiteLLM snapshot 2026-07-24', () => {
  it('gives offerings of 40+ providers; every key lands or is skipped with a warning; every price is per-token x 1e6 exactly', () => {
    const body = readJson(LITELLM) as Record<string, unknown>;
    const keys = new Set(Object.keys(body));
    const result = parseLiteLlm(body, { known_providers: seedProviderIds() });
    const offerings = checkResult(result, keys);
    expect(Object.keys(result.offerings).length).toBeGreaterThanOrEqual(40);
    expect(offerings.length).toBeGreaterThanOrEqual(1_500);
    const skipped = result.warnings.filter((w) => w.skipped).length;
    // sample_spec documents the fields and is no entry.
    expect(offerings.length + skipped).toBe(keys.size - 1);

    const mismatches: string[] = [];
    for (const [key, entry] of Object.entries(body)) {
      if (!isRecord(entry) || typeof entry.litellm_provider !== 'string') continue;
      const providerId = catalogProviderId('litellm', entry.litellm_provider);
      const offering = result.offerings[providerId ?? '']?.find((m) => m.provider_model_id === litellmSpelling(key, String(entry.litellm_provider)));
      if (!offering || result.warnings.some((w) => w.key === key && w.skipped)) continue;
      for (const [field, price] of [
        ['input_cost_per_token', offering.pricing?.input],
        ['output_cost_per_token', offering.pricing?.output],
        ['cache_read_input_token_cost', offering.pricing?.cache_read],
        ['input_cost_per_token_batches', offering.pricing?.service_tiers?.batch?.input],
        ['output_cost_per_token_priority', offering.pricing?.service_tiers?.priority?.output],
      ] as const) {
        const stated = entry[field];
        // Independent oracle: the float product is noisy only past the 15th significant digit.
        if (typeof stated === 'number' && price && price.per_million_tokens !== Number((stated * 1e6).toPrecision(15))) {
          mismatches.push(`${key} ${field}: ${stated} -> ${price.per_million_tokens}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
