import { byCodePoint, type CatalogIndex, resolveProviderModels } from '@llm-catalog/catalog';
import type { ModelSearchQuery, ModelSearchResult, OfferingRow } from './schemas.ts';

interface IndexedRow {
  row: OfferingRow;
  text: string;
}

interface Order {
  all: IndexedRow[];
  /** The same order split by provider, so a provider filter reads only that provider's rows. */
  byProvider: Map<string, IndexedRow[]>;
}

/** Per snapshot of rows, built on first use: each sort order once, with the lowercase text searched. */
const ordersByRows = new WeakMap<OfferingRow[], Partial<Record<ModelSearchQuery['sort'], Order>>>();

function ordered(rows: OfferingRow[], sort: ModelSearchQuery['sort']): Order {
  let orders = ordersByRows.get(rows);
  if (!orders) ordersByRows.set(rows, (orders = {}));
  let order = orders[sort];
  if (!order) {
    const base =
      orders.model?.all ??
      rows.map((row) => ({
        row,
        text: [row.model_id, row.provider_model_id, row.name, row.owned_by, row.provider_id].filter(Boolean).join(' ').toLowerCase(),
      }));
    // Array.prototype.sort is stable: ties keep the model-then-provider order.
    const all = sort === 'model' ? base : [...base].sort((a, b) => SORTS[sort](a.row, b.row));
    const byProvider = new Map<string, IndexedRow[]>();
    for (const entry of all) {
      const list = byProvider.get(entry.row.provider_id);
      if (list) list.push(entry);
      else byProvider.set(entry.row.provider_id, [entry]);
    }
    order = orders[sort] = { all, byProvider };
  }
  return order;
}

/** Every offering of every provider, resolved once per catalog snapshot, sorted by model then provider. */
export function buildOfferingRows(index: CatalogIndex): OfferingRow[] {
  const rows: OfferingRow[] = [];
  for (const providerId of index.providers.keys()) {
    for (const m of resolveProviderModels(index, providerId)) {
      const input = m.pricing?.input;
      const output = m.pricing?.output;
      rows.push({
        provider_id: providerId,
        model_id: m.id,
        provider_model_id: m.provider_model_id,
        ...(m.name ? { name: m.name } : {}),
        ...(m.owned_by ? { owned_by: m.owned_by } : {}),
        ...(m.capabilities ? { capabilities: m.capabilities } : {}),
        ...(m.input_modalities ? { input_modalities: m.input_modalities } : {}),
        ...(m.output_modalities ? { output_modalities: m.output_modalities } : {}),
        ...(m.context_window !== undefined ? { context_window: m.context_window } : {}),
        ...(input ? { input_price: input.per_million_tokens } : {}),
        ...(output ? { output_price: output.per_million_tokens } : {}),
        ...(input || output ? { currency: (input ?? output)?.currency } : {}),
        ...(m.metadata?.dynamic_pricing ? { dynamic_pricing: true as const } : {}),
        ...(m.disabled ? { disabled: true as const } : {}),
      });
    }
  }
  return rows.sort(SORTS.model);
}

/** Unknown values sort last whatever the direction: omitted means unknown, never zero. */
function byNumber(pick: (r: OfferingRow) => number | undefined, descending = false) {
  return (a: OfferingRow, b: OfferingRow) => {
    const x = pick(a);
    const y = pick(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return descending ? y - x : x - y;
  };
}

const SORTS: Record<ModelSearchQuery['sort'], (a: OfferingRow, b: OfferingRow) => number> = {
  model: (a, b) => byCodePoint(a.model_id, b.model_id) || byCodePoint(a.provider_id, b.provider_id),
  provider: (a, b) => byCodePoint(a.provider_id, b.provider_id),
  input_price: byNumber((r) => r.input_price),
  output_price: byNumber((r) => r.output_price),
  context: byNumber((r) => r.context_window, true),
};

/**
 * Filters and pages the offerings in the asked order (sorted stably on top of model-then-provider
 * order). The orders are built once per snapshot, so a search is one pass over the rows.
 */
export function searchOfferings(rows: OfferingRow[], query: ModelSearchQuery): ModelSearchResult {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const withDisabled = query.include_disabled === 'true';
  const matches = (row: OfferingRow, text: string) => {
    if (row.disabled && !withDisabled) return false;
    if (query.capability && !row.capabilities?.includes(query.capability)) return false;
    if (query.modality && !row.input_modalities?.includes(query.modality) && !row.output_modalities?.includes(query.modality)) return false;
    if (query.max_input_price !== undefined && (row.input_price === undefined || row.input_price > query.max_input_price)) return false;
    if (query.min_context !== undefined && (row.context_window === undefined || row.context_window < query.min_context)) return false;
    for (const w of words) if (!text.includes(w)) return false;
    return true;
  };
  const order = ordered(rows, query.sort);
  const candidates = query.provider ? (order.byProvider.get(query.provider) ?? []) : order.all;
  // One pass that counts every match and keeps only the page: a search runs on every keystroke.
  const items: OfferingRow[] = [];
  let total = 0;
  for (const { row, text } of candidates) {
    if (!matches(row, text)) continue;
    if (total >= query.offset && items.length < query.limit) items.push(row);
    total += 1;
  }
  return { total, offset: query.offset, limit: query.limit, items };
}
