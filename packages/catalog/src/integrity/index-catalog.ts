import { spellingKey } from '../ids.ts';
import type { Catalog } from '../io/read.ts';
import type { Model } from '../schema/model.ts';
import { compareOverrides } from '../canonical.ts';
import { compareOfferingKeys, offeringKey, type Override } from '../schema/override.ts';

/** For each key, who held it, in file order: `[entry index, value]`. */
type Holders = Map<string, [number, string][]>;

/** The value of the last holder before entry `index`, i.e. what a scan in file order had seen by then. */
export function heldBefore(holders: Holders, key: string, index: number): string | undefined {
  let value: string | undefined;
  for (const [i, v] of holders.get(key) ?? []) {
    if (i >= index) break;
    value = v;
  }
  return value;
}

function addHolder(holders: Holders, key: string, index: number, value: string): void {
  const list = holders.get(key);
  if (list) list.push([index, value]);
  else holders.set(key, [[index, value]]);
}

const firstIndexes = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> => {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (!first.has(key)) first.set(key, i);
  });
  return first;
};

/** The entries whose key an earlier entry already has. */
const repeatedIndexes = <T>(items: readonly T[], keyOf: (item: T) => string): Set<number> => {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) repeated.add(i);
    else seen.add(key);
  });
  return repeated;
};

/** Priority-qualified offering key: one offering has at most one override per priority. */
const offeringPriorityKey = (o: Override): string => `${offeringKey(o)}\u0000${o.priority}`;

/**
 * The overrides whose offering and priority an earlier one already has. In a catalog's own order
 * (offering, then priority) such repeats are neighbours and need no key per override.
 */
function repeatedPriorities(overrides: readonly Override[]): Set<number> {
  const inOrder = overrides.every((o, i) => i === 0 || compareOverrides(overrides[i - 1] as Override, o) <= 0);
  if (!inOrder) return repeatedIndexes(overrides, offeringPriorityKey);
  const repeated = new Set<number>();
  for (let i = 1; i < overrides.length; i++) {
    const previous = overrides[i - 1] as Override;
    const o = overrides[i] as Override;
    if (previous.priority === o.priority && compareOfferingKeys(previous, o) === 0) repeated.add(i);
  }
  return repeated;
}
export const linkPairKey = (spelling: string, modelId: string): string => `${spelling.toLowerCase()}\u0000${modelId}`;

/** Everything the integrity rules look up, built in one pass over each file. */
export interface IntegrityIndex {
  firstProvider: Map<string, number>;
  firstModel: Map<string, number>;
  modelById: Map<string, Model>;
  /** alias -> the models listing it. */
  aliasHolders: Holders;
  /** spelling key -> the first model id with it. */
  firstOfSpelling: Map<string, string>;
  /** Overrides whose offering and priority an earlier override already has. */
  repeatedPriority: Set<number>;
  /** Models that some enabled override serves. */
  served: Set<string>;
  firstOfLinkPair: Map<string, number>;
  /** lowercased spelling -> the models `same` links send it to. */
  sameLinks: Holders;
  /** lowercased alias, or id -> the model it names. */
  names: Map<string, string>;
}

export function indexForIntegrity(catalog: Catalog): IntegrityIndex {
  const aliasHolders: Holders = new Map();
  const firstOfSpelling = new Map<string, string>();
  const names = new Map<string, string>();
  catalog.models.forEach((m, i) => {
    for (const alias of new Set(m.aliases ?? [])) addHolder(aliasHolders, alias, i, m.id);
    const key = spellingKey(m.id);
    if (!firstOfSpelling.has(key)) firstOfSpelling.set(key, m.id);
    for (const a of m.aliases ?? []) names.set(a.toLowerCase(), m.id);
  });
  for (const m of catalog.models) names.set(m.id, m.id);
  const sameLinks: Holders = new Map();
  (catalog.links ?? []).forEach((link, i) => {
    if (link.relation === 'same') addHolder(sameLinks, link.spelling.toLowerCase(), i, link.model_id);
  });
  return {
    firstProvider: firstIndexes(catalog.providers, (p) => p.id),
    firstModel: firstIndexes(catalog.models, (m) => m.id),
    modelById: new Map(catalog.models.map((m) => [m.id, m])),
    aliasHolders,
    firstOfSpelling,
    repeatedPriority: repeatedPriorities(catalog.overrides),
    served: new Set(catalog.overrides.filter((o) => !o.disabled).map((o) => o.model_id)),
    firstOfLinkPair: firstIndexes(catalog.links ?? [], (l) => linkPairKey(l.spelling, l.model_id)),
    sameLinks,
    names,
  };
}
