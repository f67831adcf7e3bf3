import {
  type Capability,
  defaultKeyEnvFor,
  type LongContextTier,
  normalizeModelId,
  plural,
  type Pricing,
  type Provider,
  type ServiceTiers,
  SERVICE_TIERS,
  type ServiceTierName,
  UrlSchema,
} from '@llm-catalog/catalog';
import { z } from 'zod';
import { issuesText } from '../entries.ts';
import { isRecord } from '../envelope.ts';
import {
  capabilitiesFromModalities,
  capabilityList,
  dateFromText,
  definedFields,
  MODALITY_CAPABILITIES,
  modalitiesOf,
  text,
  tokenLimit,
} from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { rawFlag, rawNumber, rawText } from '../raw.ts';
import { makerFromIdVendor } from '../vendor.ts';
import { createCollector, type EntryReport } from './collect.ts';
import { type HostFacts, providerEntry, SHARED_HOSTS } from './provider-entry.ts';
import { catalogProviderId, NOT_LISTED } from './provider-map.ts';
import { sortedTiers, type TokenPriceFields, tokenPricesOf } from './prices.ts';
import type { SourceParseOptions, SourceResult } from './types.ts';
import type { SourceDescriptor } from '../descriptor.ts';

/** models.dev `api.json`: `{ <provider>: { id, name, api?, env[], npm, doc, models: { <id>: {...} } } }`, prices per million tokens. */
const RawProviderSchema = z.looseObject({
  name: rawText,
  api: rawText,
  env: z.array(z.string()).nullish(),
  npm: rawText,
  doc: rawText,
  models: z.record(z.string(), z.unknown()),
});
type SourceProvider = z.infer<typeof RawProviderSchema>;

const RawModelSchema = z.looseObject({
  id: rawText,
  name: rawText,
  reasoning: rawFlag,
  tool_call: rawFlag,
  structured_output: rawFlag,
  knowledge: rawText,
  release_date: rawText,
  last_updated: rawText,
  open_weights: rawFlag,
  status: rawText,
  modalities: z.looseObject({ input: z.array(z.string()).nullish(), output: z.array(z.string()).nullish() }).nullish(),
  cost: z.record(z.string(), z.unknown()).nullish(),
  limit: z.looseObject({ context: rawNumber, input: rawNumber, output: rawNumber }).nullish(),
  experimental: z.looseObject({ modes: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
type SourceModel = z.infer<typeof RawModelSchema>;

const COST_FIELDS: TokenPriceFields = {
  input: 'input',
  output: 'output',
  cache_read: 'cache_read',
  cache_write: 'cache_write',
  reasoning: 'reasoning',
  input_audio: 'input_audio',
  output_audio: 'output_audio',
};

/** The legacy form of the first long-context tier, read only when `tiers` is absent. */
const LEGACY_TIER = { field: 'context_over_200k', above: 200_000 } as const;

const STATUSES = new Set(['alpha', 'beta', 'deprecated']);

function longContextTiers(cost: Readonly<Record<string, unknown>>, report: EntryReport): LongContextTier[] | undefined {
  const tiers: LongContextTier[] = [];
  if (Array.isArray(cost.tiers)) {
    cost.tiers.forEach((raw, i) => {
      const field = `cost.tiers[${i}]`;
      const size = isRecord(raw) && isRecord(raw.tier) && raw.tier.type === 'context' ? tokenLimit(raw.tier.size as number) : undefined;
      if (!isRecord(raw) || size === undefined) {
        report.warn(`${field}: not a context-size tier; left out`);
        return;
      }
      const prices = tokenPricesOf(raw, COST_FIELDS, 'per-million', report, `${field}.`);
      if (prices) tiers.push({ above_input_tokens: size, ...prices });
    });
  } else if (isRecord(cost[LEGACY_TIER.field])) {
    const prices = tokenPricesOf(cost[LEGACY_TIER.field] as Record<string, unknown>, COST_FIELDS, 'per-million', report, `cost.${LEGACY_TIER.field}.`);
    if (prices) tiers.push({ above_input_tokens: LEGACY_TIER.above, ...prices });
  }
  return sortedTiers(tiers, 'cost.tiers', report);
}

/**
 * models.dev lists a provider's faster or cheaper service tier as an experimental "mode" that sends
 * `service_tier` in the request body; its cost is that tier's price.
 */
function serviceTiers(model: SourceModel, report: EntryReport): ServiceTiers | undefined {
  const out: ServiceTiers = {};
  for (const [name, mode] of Object.entries(model.experimental?.modes ?? {})) {
    if (!isRecord(mode) || !isRecord(mode.provider) || !isRecord(mode.provider.body) || !isRecord(mode.cost)) continue;
    const tier = mode.provider.body.service_tier;
    if (typeof tier !== 'string' || !(SERVICE_TIERS as readonly string[]).includes(tier)) continue;
    const prices = tokenPricesOf(mode.cost, COST_FIELDS, 'per-million', report, `experimental.modes.${name}.cost.`);
    if (prices) out[tier as ServiceTierName] = prices;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function pricingOf(model: SourceModel, report: EntryReport): Pricing | undefined {
  const cost = model.cost ?? {};
  const pricing: Pricing = {
    ...tokenPricesOf(cost, COST_FIELDS, 'per-million', report, 'cost.'),
    ...definedFields({ long_context: longContextTiers(cost, report), service_tiers: serviceTiers(model, report) }),
  };
  return Object.keys(pricing).length > 0 ? pricing : undefined;
}

function dateField(value: string | null | undefined, field: string, report: EntryReport): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const date = dateFromText(value);
  if (date === undefined) report.warn(`${field}: ${JSON.stringify(value)} is not a date; left out`);
  return date;
}

function toModel(key: string, model: SourceModel, hosts: readonly string[], report: EntryReport): NormalizedModel {
  const spelling = text(model.id) ?? key;
  const { id, vendor, variant } = normalizeModelId(spelling);
  const input = modalitiesOf(model.modalities?.input ?? [], 'modalities.input', report.warn);
  const output = modalitiesOf(model.modalities?.output ?? [], 'modalities.output', report.warn);
  const capabilities: Capability[] = capabilitiesFromModalities(input, output);
  if (model.tool_call === true) capabilities.push('FUNCTION_CALL');
  if (model.reasoning === true) capabilities.push('REASONING');
  if (model.structured_output === true) capabilities.push('STRUCTURED_OUTPUT');

  const release = dateField(model.release_date, 'release_date', report);
  let updated = dateField(model.last_updated, 'last_updated', report);
  if (release && updated && updated < release) {
    report.warn(`last_updated ${updated} is before release_date ${release}; last_updated left out`);
    updated = undefined;
  }
  const status = text(model.status);
  if (status !== undefined && !STATUSES.has(status)) report.warn(`status: "${status}" is not a known status; left out`);

  return {
    id,
    provider_model_id: spelling,
    variant,
    name: text(model.name),
    owned_by: makerFromIdVendor(vendor, hosts),
    capabilities: capabilityList(capabilities),
    input_modalities: input,
    output_modalities: output,
    context_window: tokenLimit(model.limit?.context),
    max_input_tokens: tokenLimit(model.limit?.input),
    max_output_tokens: tokenLimit(model.limit?.output),
    pricing: pricingOf(model, report),
    release_date: release,
    last_updated: updated,
    knowledge_cutoff: dateField(model.knowledge, 'knowledge', report),
    open_weights: model.open_weights ?? undefined,
    status: status !== undefined && STATUSES.has(status) ? (status as NormalizedModel['status']) : undefined,
  };
}

/** An environment variable that holds a secret, not an account name, host or region. */
const KEY_VARIABLE = /(KEY|TOKEN|PAT|SECRET)$/;

/**
 * `https://${DATABRICKS_HOST}/...` -> `https://{databricks_host}/...`, the catalog's spelling of a
 * part of the URL each user fills in. A local server's URL is not a hosted API.
 */
function baseUrlOf(api: string): string | undefined {
  const url = api
    .trim()
    .replace(/\/chat\/completions\/?$/, '')
    .replace(/\/+$/, '')
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => `{${name.toLowerCase()}}`);
  if (!/^https:\/\/[a-z0-9{]/i.test(url) || !UrlSchema.safeParse(url).success) return undefined;
  return url;
}

/** The variable holding a provider's key, among the environment variables models.dev lists for it. */
const keyVariableOf = (provider: SourceProvider): string | undefined =>
  (provider.env ?? []).find((v) => KEY_VARIABLE.test(v) && /^[A-Z][A-Z0-9_]*$/.test(v));

/**
 * The facts for a new catalog provider, or why the source provider cannot be one. A key variable
 * models.dev names for several providers (one account's regional or coding-plan hosts) would make a
 * key set for one count for all, so each new one reads its own `<ID>_API_KEY` instead.
 */
function hostFacts(id: string, provider: SourceProvider, sharedVariables: ReadonlySet<string>): HostFacts | string {
  const shared = SHARED_HOSTS[id];
  if (shared) return shared;
  const api = text(provider.api);
  if (api === undefined) return 'models.dev names no API base URL for it';
  const base_url = baseUrlOf(api);
  if (base_url === undefined) return `its API URL "${api}" is not a hosted https API`;
  const named = keyVariableOf(provider);
  const api_key_env = named !== undefined && sharedVariables.has(named) ? defaultKeyEnvFor(id) : named;
  if (api_key_env === undefined || !/^[A-Z]/.test(api_key_env)) return 'models.dev names no usable key variable for it';
  return {
    id,
    name: text(provider.name) ?? id,
    base_url,
    format: provider.npm === '@ai-sdk/anthropic' ? 'ANTHROPIC' : 'OPENAI',
    api_key_env,
    documentation: text(provider.doc),
  };
}

/** Key variables that models.dev names for more than one provider. */
function variablesOfSeveral(providers: readonly unknown[]): Set<string> {
  const seen = new Set<string>();
  const several = new Set<string>();
  for (const raw of providers) {
    const parsed = RawProviderSchema.safeParse(raw);
    const variable = parsed.success ? keyVariableOf(parsed.data) : undefined;
    if (variable === undefined) continue;
    if (seen.has(variable)) several.add(variable);
    seen.add(variable);
  }
  return several;
}

/**
 * Parses models.dev's `api.json`: every provider's offerings, prices taken exactly as written (USD
 * per million tokens), long-context tiers and service tiers with them. Pure.
 */
export function parseModelsDev(body: unknown, options: SourceParseOptions): SourceResult {
  if (!isRecord(body)) throw new TypeError('a models.dev body is an object of providers');
  const collector = createCollector();
  const providers: Provider[] = [];
  const sharedVariables = variablesOfSeveral(Object.values(body));
  for (const [sourceProvider, rawProvider] of Object.entries(body)) {
    const providerKey = { source_provider: sourceProvider, key: sourceProvider };
    const parsedProvider = RawProviderSchema.safeParse(rawProvider);
    if (!parsedProvider.success) {
      collector.skip(providerKey, 'not a provider with a "models" object');
      continue;
    }
    const provider = parsedProvider.data;
    const providerId = catalogProviderId('models.dev', sourceProvider);
    if (providerId === null) {
      collector.skip(providerKey, NOT_LISTED);
      continue;
    }
    if (!options.known_providers.has(providerId)) {
      const facts = hostFacts(providerId, provider, sharedVariables);
      const entry = typeof facts === 'string' ? undefined : providerEntry(facts);
      if (!entry) {
        const why = typeof facts === 'string' ? facts : 'its facts do not make a valid provider entry';
        collector.skip(providerKey, `${providerId} is not in the catalog and ${why}; its ${plural(Object.keys(provider.models).length, 'model')} left out`);
        continue;
      }
      // Two source providers can map to one new catalog id; the first one's entry stands.
      if (!providers.some((p) => p.id === entry.id)) providers.push(entry);
    }
    for (const [modelKey, rawModel] of Object.entries(provider.models)) {
      const place = { provider_id: providerId, source_provider: sourceProvider, key: `${sourceProvider}/${modelKey}` };
      const parsed = RawModelSchema.safeParse(rawModel);
      if (!parsed.success) {
        collector.skip(place, `not a model entry (${issuesText(parsed.error)})`);
        continue;
      }
      collector.add(place, (report) => toModel(modelKey, parsed.data, [sourceProvider, providerId], report));
    }
  }
  return collector.result(providers);
}

export const modelsDevSource: SourceDescriptor = {
  kind: 'source',
  name: 'models.dev',
  url: 'https://models.dev/api.json',
  license: 'MIT',
  parse: parseModelsDev,
  // `tool_call`, `reasoning` and `modalities` are required in every entry; `structured_output` is not.
  capabilityVocabulary: ['FUNCTION_CALL', 'REASONING', ...MODALITY_CAPABILITIES],
};
