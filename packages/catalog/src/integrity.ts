import { spellingKey } from './ids.ts';
import type { Catalog } from './io/read.ts';
import { type CatalogProblem, entryLabel, fileName } from './problems.ts';
import { everyPrice, type Pricing, TOKEN_PRICE_KEYS } from './schema/pricing.ts';
import { isManualOverride, type OfferingKey, offeringKey } from './schema/override.ts';

/**
 * A per-million price below this is almost certainly a per-token price pasted into the wrong unit:
 * the cheapest real prices are around $0.005 per million tokens, the dearest per-token prices about
 * $0.0006.
 */
export const MIN_PLAUSIBLE_PER_MILLION = 0.001;

/** `provider/model`, or `provider/model (variant v)`: how problems name an offering. */
export const offeringLabel = (o: OfferingKey): string =>
  `${o.provider_id}/${o.model_id}${o.variant ? ` (variant ${o.variant})` : ''}`;

const TOKEN_PRICE_KEY_SET: ReadonlySet<string> = new Set(TOKEN_PRICE_KEYS);

/**
 * The token prices of a price list, long-context and service tiers included, that are implausibly
 * small (see MIN_PLAUSIBLE_PER_MILLION), as [path, amount].
 */
export function implausibleTokenPrices(pricing: Pricing | undefined): [string, number][] {
  if (!pricing) return [];
  return everyPrice(pricing).flatMap(({ path, amount }): [string, number][] =>
    TOKEN_PRICE_KEY_SET.has(path.slice(path.lastIndexOf('.') + 1)) && amount > 0 && amount < MIN_PLAUSIBLE_PER_MILLION
      ? [[path, amount]]
      : [],
  );
}

export const implausiblePriceMessage = (amount: number) =>
  `${amount} per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)`;

function priceProblems(
  pricing: Pricing | undefined,
  file: string,
  entry: string,
  fieldPrefix: string,
): CatalogProblem[] {
  return implausibleTokenPrices(pricing).map(([key, v]) => ({
    severity: 'error',
    code: 'implausible-price',
    file,
    entry,
    field: `${fieldPrefix}.${key}.per_million_tokens`,
    message: implausiblePriceMessage(v),
  }));
}

/**
 * Checks what a schema cannot see on one entry alone: references between files, duplicates, and
 * values that are legal but almost certainly wrong. Expects entries that already passed the schema.
 */
export function checkIntegrity(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const providersFile = fileName('providers');
  const modelsFile = fileName('models');
  const overridesFile = fileName('overrides');

  const providerIds = new Set<string>();
  catalog.providers.forEach((p, i) => {
    if (providerIds.has(p.id)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-id',
        file: providersFile,
        entry: entryLabel('providers', i, p),
        field: 'id',
        message: `duplicate provider id "${p.id}"`,
      });
    }
    providerIds.add(p.id);
  });

  const modelIds = new Set<string>();
  const aliasOwner = new Map<string, string>();
  catalog.models.forEach((m, i) => {
    const entry = entryLabel('models', i, m);
    if (modelIds.has(m.id)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-id',
        file: modelsFile,
        entry,
        field: 'id',
        message: `duplicate model id "${m.id}"`,
      });
    }
    modelIds.add(m.id);
    for (const alias of m.aliases ?? []) {
      const owner = aliasOwner.get(alias);
      if (owner && owner !== m.id) {
        problems.push({
          severity: 'error',
          code: 'duplicate-alias',
          file: modelsFile,
          entry,
          field: 'aliases',
          message: `alias "${alias}" is also an alias of "${owner}"`,
        });
      }
      aliasOwner.set(alias, m.id);
    }
    problems.push(...priceProblems(m.pricing, modelsFile, entry, 'pricing'));
  });
  catalog.models.forEach((m, i) => {
    if (m.aliases?.some((a) => modelIds.has(a) && a !== m.id)) {
      problems.push({
        severity: 'error',
        code: 'alias-shadows-id',
        file: modelsFile,
        entry: entryLabel('models', i, m),
        field: 'aliases',
        message: `an alias equals another model's id: ${m.aliases.filter((a) => modelIds.has(a)).join(', ')}`,
      });
    }
    if (m.replaced_by && !modelIds.has(m.replaced_by)) {
      problems.push({
        severity: 'warning',
        code: 'unknown-model',
        file: modelsFile,
        entry: entryLabel('models', i, m),
        field: 'replaced_by',
        message: `replaced_by names unknown model "${m.replaced_by}"`,
      });
    }
  });

  const prioritySeen = new Set<string>();
  const servedModels = new Set<string>();
  const modelById = new Map(catalog.models.map((m) => [m.id, m]));
  catalog.overrides.forEach((o, i) => {
    const entry = entryLabel('overrides', i, o);
    const offering = offeringLabel(o);
    if (!providerIds.has(o.provider_id)) {
      problems.push({
        severity: 'error',
        code: 'unknown-provider',
        file: overridesFile,
        entry,
        field: 'provider_id',
        message: `unknown provider "${o.provider_id}" (not in providers.json)`,
      });
    }
    if (!modelIds.has(o.model_id)) {
      problems.push({
        severity: 'error',
        code: 'unknown-model',
        file: overridesFile,
        entry,
        field: 'model_id',
        message: `unknown model "${o.model_id}" (not in models.json)`,
      });
    }
    if (o.replace_with && !modelIds.has(o.replace_with)) {
      problems.push({
        severity: 'error',
        code: 'unknown-model',
        file: overridesFile,
        entry,
        field: 'replace_with',
        message: `replace_with names unknown model "${o.replace_with}"`,
      });
    }
    if (isManualOverride(o) && !o.reason) {
      problems.push({
        severity: 'error',
        code: 'manual-without-reason',
        file: overridesFile,
        entry,
        field: 'reason',
        message: 'a manual override (priority >= 100) must say why in "reason"',
      });
    }
    // One offering (provider, model, variant) has at most one override per priority: each source
    // writes one auto override in its own band, and a person's overrides need a clear order.
    const pkey = `${offeringKey(o)}\u0000${o.priority}`;
    if (prioritySeen.has(pkey)) {
      problems.push(
        isManualOverride(o)
          ? {
              severity: 'error',
              code: 'duplicate-priority',
              file: overridesFile,
              entry,
              field: 'priority',
              message: `two overrides for ${offering} share priority ${o.priority}; resolution order would be ambiguous`,
            }
          : {
              severity: 'error',
              code: 'duplicate-auto-override',
              file: overridesFile,
              entry,
              message: `a second auto override at priority ${o.priority} for ${offering}; a source writes exactly one per offering`,
            },
      );
    }
    prioritySeen.add(pkey);
    if (!o.disabled) servedModels.add(o.model_id);
    problems.push(...priceProblems(o.pricing, overridesFile, entry, 'pricing'));

    const base = modelById.get(o.model_id);
    const context = o.limits?.context_window ?? base?.context_window;
    const maxOut = o.limits?.max_output_tokens ?? base?.max_output_tokens;
    if (o.limits && context !== undefined && maxOut !== undefined && maxOut > context) {
      // Both limits from one auto override is that source contradicting itself; one from the base
      // was written by another source, which an import cannot settle, so it is reported, not refused.
      const ownBoth = o.limits.context_window !== undefined && o.limits.max_output_tokens !== undefined;
      problems.push({
        severity: ownBoth || isManualOverride(o) ? 'error' : 'warning',
        code: 'output-exceeds-context',
        file: overridesFile,
        entry,
        field: 'limits.max_output_tokens',
        message: `max_output_tokens ${maxOut} exceeds context_window ${context} for this provider`,
      });
    }
  });

  const spellingOwner = new Map<string, string>();
  catalog.models.forEach((m, i) => {
    const key = spellingKey(m.id);
    const other = spellingOwner.get(key);
    // The very same id twice is already a duplicate-id error.
    if (other !== undefined && other !== m.id) {
      problems.push({
        severity: 'warning',
        code: 'same-model-two-ids',
        file: modelsFile,
        entry: entryLabel('models', i, m),
        field: 'id',
        message: `"${m.id}" and "${other}" differ only in separators; if they are one model, keep one id and make the other an alias`,
      });
    } else spellingOwner.set(key, m.id);
  });

  problems.push(...linkProblems(catalog, modelIds));

  catalog.models.forEach((m, i) => {
    if (!servedModels.has(m.id)) {
      problems.push({
        severity: 'warning',
        code: 'orphan-model',
        file: modelsFile,
        entry: entryLabel('models', i, m),
        message: 'no provider serves this model (no enabled override names it)',
      });
    }
  });
  return problems;
}

/**
 * A person's links must be unambiguous: each names a known model, no spelling links to two models,
 * none contradicts an id or alias of another model, and none says both `same` and `different`.
 */
function linkProblems(catalog: Catalog, modelIds: ReadonlySet<string>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const file = fileName('links');
  const names = new Map<string, string>();
  for (const m of catalog.models) {
    for (const a of m.aliases ?? []) names.set(a.toLowerCase(), m.id);
  }
  for (const m of catalog.models) names.set(m.id, m.id);
  const same = new Map<string, string>();
  const seen = new Set<string>();
  (catalog.links ?? []).forEach((link, i) => {
    const entry = entryLabel('links', i, link);
    const spelling = link.spelling.toLowerCase();
    // A reviewed link may come before the import that creates its model (it then names the new model).
    if (!modelIds.has(link.model_id)) {
      problems.push({
        severity: 'warning',
        code: 'unknown-model',
        file,
        entry,
        field: 'model_id',
        message: `unknown model "${link.model_id}" (not in models.json); the link applies once a source adds it`,
      });
    }
    const pair = `${spelling}\u0000${link.model_id}`;
    if (seen.has(pair)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-link',
        file,
        entry,
        message: `"${link.spelling}" is linked to "${link.model_id}" twice (say same or different, once)`,
      });
    }
    seen.add(pair);
    if (link.relation !== 'same') return;
    const other = same.get(spelling);
    same.set(spelling, link.model_id);
    const named = names.get(spelling);
    const conflict =
      other !== undefined && other !== link.model_id
        ? `"${link.spelling}" is linked to two models, "${other}" and "${link.model_id}"`
        : named !== undefined && named !== link.model_id
          ? `"${link.spelling}" is model "${named}"'s ${named === spelling ? 'id' : 'alias'}, but this link sends it to "${link.model_id}"`
          : undefined;
    if (conflict) {
      problems.push({ severity: 'error', code: 'link-two-models', file, entry, field: 'spelling', message: conflict });
    }
  });
  return problems;
}
