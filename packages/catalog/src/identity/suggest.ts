import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { makerKey } from './maker-aliases.ts';
import { identityKey } from './spelling.ts';
import { byCodePoint } from '../schema/common.ts';

/** A pair of base models that may be one model, for a person to accept (`identity link`) or reject. */
export interface LinkProposal {
  /** The model whose id would become a link (the less served of the two). */
  spelling: string;
  /** The model it would link to. */
  model_id: string;
  /** What makes them look alike, and what the catalog knows for and against. */
  evidence: string[];
}

/**
 * Words some providers add or leave out of one model's name without changing the model: Groq calls
 * Llama 3.3 70B Instruct `llama-3.3-70b-versatile`, Cerebras calls it `llama-3.3-70b`. The rules do
 * not drop them (a base and an instruct model can both exist), so they are a reason to ask.
 */
const SOFT_WORDS = new Set(['instruct', 'it', 'chat', 'versatile', 'instant', 'latest', 'cs']);

function looseKey(id: string): { key: string; dropped: string[] } {
  const parts = makerKey(identityKey(id)).split('-');
  return {
    key: parts.filter((p) => !SOFT_WORDS.has(p)).join('-'),
    dropped: parts.filter((p) => SOFT_WORDS.has(p)),
  };
}

const sameFact = (label: string, a: unknown, b: unknown): string | undefined =>
  a === undefined || b === undefined ? undefined : a === b ? `same ${label} (${String(a)})` : `different ${label} (${String(a)} / ${String(b)})`;

/**
 * Look-alike base models that nothing links: ids that read to the same key (two models where one was
 * meant), or that differ only in words providers add or drop. A pair a person marked `different`
 * is not proposed again. Sorted by model id, then spelling.
 */
export function suggestLinks(catalog: {
  models: readonly Model[];
  overrides: readonly Override[];
  links?: readonly Link[];
}): LinkProposal[] {
  const rejected = new Set(
    (catalog.links ?? []).filter((l) => l.relation === 'different').map((l) => `${l.spelling.toLowerCase()}\u0000${l.model_id}`),
  );
  const providers = new Map<string, Set<string>>();
  for (const o of catalog.overrides) {
    if (o.disabled) continue;
    const set = providers.get(o.model_id) ?? new Set<string>();
    set.add(o.provider_id);
    providers.set(o.model_id, set);
  }
  const groups = new Map<string, Model[]>();
  for (const m of catalog.models) {
    const { key } = looseKey(m.id);
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const served = (m: Model) => providers.get(m.id)?.size ?? 0;
  const proposals: LinkProposal[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The most served model of the group is the one the others would link to.
    const [target, ...others] = [...group].sort((a, b) => served(b) - served(a) || byCodePoint(a.id, b.id));
    if (!target) continue;
    for (const m of others) {
      if (rejected.has(`${m.id}\u0000${target.id}`) || rejected.has(`${target.id}\u0000${m.id}`)) continue;
      const a = looseKey(m.id);
      const b = looseKey(target.id);
      const words = [...a.dropped.filter((w) => !b.dropped.includes(w)), ...b.dropped.filter((w) => !a.dropped.includes(w))];
      const evidence = [
        words.length > 0 ? `names differ only in ${words.map((w) => `"${w}"`).join(', ')}` : 'names differ only in separators',
        sameFact('maker', m.owned_by, target.owned_by),
        sameFact('context window', m.context_window, target.context_window),
        `served by ${served(m)} / ${served(target)} providers`,
      ].filter((e): e is string => e !== undefined);
      proposals.push({ spelling: m.id, model_id: target.id, evidence });
    }
  }
  return proposals.sort(
    (x, y) => (x.model_id < y.model_id ? -1 : x.model_id > y.model_id ? 1 : 0) || (x.spelling < y.spelling ? -1 : 1),
  );
}
