import type { Capability } from '@llm-catalog/catalog';

/**
 * The change report between two states of the catalog: plain JSON-serializable data, built once by
 * `buildChangeReport` and rendered as markdown, text or JSON (the JSON format is this object as is).
 * Every list is sorted (providers and models by id) so the same two catalogs give the same report.
 */
export interface ChangeReport {
  /** The git ref of the older state, when it came from git. */
  from?: string;
  /** The git ref of the newer state; absent means the work tree. */
  to?: string;
  /** What a reviewer must look at first. */
  risks: RiskFlag[];
  /** Providers added to or removed from providers.json. */
  provider_entries: { added: string[]; removed: string[] };
  /** Base models added to or removed from models.json, and end-of-life dates of the ones kept. */
  base_models: { added: string[]; removed: string[]; dates: DateChange[] };
  /** Only providers whose offering changed, sorted by id. */
  providers: ProviderChanges[];
  totals: ChangeTotals;
}

export type RiskKind =
  | 'price-to-zero'
  | 'price-move'
  | 'context-shrank'
  | 'provider-lost-models'
  | 'orphaned-override'
  | 'base-model-unserved'
  | 'capability-lost'
  | 'shutdown-sooner';

export interface RiskFlag {
  kind: RiskKind;
  provider_id?: string;
  model_id?: string;
  /** The price key, limit or capability concerned. */
  field?: string;
  old?: number;
  new?: number;
  /** One sentence for a reviewer. */
  message: string;
}

/** A changed price of one model at one provider. Token prices are per million tokens. */
export interface PriceChange {
  model_id: string;
  /**
   * The price key, within its tiers: `input`, `long_context>200000.input` (above that many input
   * tokens), `service_tiers.batch.output`, `service_tiers.priority.long_context>272000.input`.
   */
  key: string;
  unit: 'per_million_tokens' | 'per_unit';
  old?: number;
  new?: number;
  old_currency?: string;
  new_currency?: string;
  /** (new - old) / old in percent, one decimal; absent when either side is missing, old is 0 or currencies differ. */
  change_pct?: number;
}

export type LimitKey = 'context_window' | 'max_output_tokens' | 'max_input_tokens';

export interface LimitChange {
  model_id: string;
  key: LimitKey;
  old?: number;
  new?: number;
}

export type DateKey = 'deprecation_date' | 'shutdown_date';

/** A base model's deprecation or shutdown date set, moved or cleared. */
export interface DateChange {
  model_id: string;
  key: DateKey;
  old?: string;
  new?: string;
}

export interface CapabilityChange {
  model_id: string;
  added: Capability[];
  removed: Capability[];
}

export interface ProviderChanges {
  id: string;
  /** How many models the provider served before and after (disabled offerings included). */
  models_before: number;
  models_after: number;
  added: string[];
  removed: string[];
  /** Offerings that became disabled, or were enabled again. */
  disabled: string[];
  enabled: string[];
  prices: PriceChange[];
  limits: LimitChange[];
  capabilities: CapabilityChange[];
}

export interface ChangeTotals {
  providers_changed: number;
  models_added: number;
  models_removed: number;
  price_changes: number;
  limit_changes: number;
  capability_changes: number;
  availability_changes: number;
  risk_flags: number;
}
