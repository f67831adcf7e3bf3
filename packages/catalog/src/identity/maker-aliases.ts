import { identityKey } from './spelling.ts';

/**
 * Undated aliases and the dated snapshot each one points to, as the maker documents them. Anthropic
 * states that `claude-sonnet-4-5` is an alias of `claude-sonnet-4-5-20250929` and promises a snapshot
 * never changes, so the two (and every provider's spelling of either) are one model; the base id is
 * the alias, the maker's shortest stable name.
 *
 * OpenAI is deliberately absent: its `gpt-4o` alias moved from `gpt-4o-2024-05-13` to later
 * snapshots at different prices, so each OpenAI snapshot is a model of its own.
 */
export const MAKER_SNAPSHOT_ALIASES: readonly { alias: string; snapshot: string }[] = [
  { alias: 'claude-3-5-haiku-latest', snapshot: 'claude-3-5-haiku-20241022' },
  { alias: 'claude-3-5-sonnet-latest', snapshot: 'claude-3-5-sonnet-20241022' },
  { alias: 'claude-3-7-sonnet-latest', snapshot: 'claude-3-7-sonnet-20250219' },
  { alias: 'claude-3-opus-latest', snapshot: 'claude-3-opus-20240229' },
  { alias: 'claude-haiku-4-5', snapshot: 'claude-haiku-4-5-20251001' },
  { alias: 'claude-opus-4-0', snapshot: 'claude-opus-4-20250514' },
  { alias: 'claude-opus-4-1', snapshot: 'claude-opus-4-1-20250805' },
  { alias: 'claude-opus-4-5', snapshot: 'claude-opus-4-5-20251101' },
  { alias: 'claude-sonnet-4-0', snapshot: 'claude-sonnet-4-20250514' },
  { alias: 'claude-sonnet-4-5', snapshot: 'claude-sonnet-4-5-20250929' },
];

/**
 * For a `-latest` alias the stable name is the snapshot itself; for the others it is the undated
 * alias. Either way both keys meet in the one this map gives.
 */
const STABLE_ID = new Map<string, string>();
for (const { alias, snapshot } of MAKER_SNAPSHOT_ALIASES) {
  const stable = alias.endsWith('-latest') ? snapshot : alias;
  STABLE_ID.set(identityKey(alias), stable);
  STABLE_ID.set(identityKey(snapshot), stable);
}

/** The maker's stable id for a key that is one of a documented alias / snapshot pair. */
export function makerStableId(key: string): string | undefined {
  return STABLE_ID.get(key);
}

/** The key under which an alias and its snapshot meet: that of the stable id. */
export function makerKey(key: string): string {
  const stable = STABLE_ID.get(key);
  return stable === undefined ? key : identityKey(stable);
}
