import type { Catalog } from '../io/read.ts';
import type { Link } from '../schema/link.ts';
import { offeringKey, type Override } from '../schema/override.ts';
import { makerKey } from './maker-aliases.ts';
import { readSpelling } from './spelling.ts';

/** Why a link cannot be made as asked: the person has to settle something first. */
export class LinkEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkEditError';
  }
}

export interface LinkEdit {
  catalog: Catalog;
  /** What changed, for the person who asked. */
  changes: string[];
}

const sameSpelling = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A person links `spelling` to the base model `modelId`. When the spelling is itself a base model, or
 * reads like one (two ids for one model), that model is folded into `modelId`: its offerings move over (each keeps
 * the provider's own spelling), its aliases join the target's, references to it follow, and the link
 * records the old id so no later import brings it back. Pure; throws LinkEditError when a provider
 * offers both models the same way, which only a person can settle.
 */
export function linkSpelling(catalog: Catalog, spelling: string, modelId: string, reason?: string): LinkEdit {
  const changes: string[] = [];
  // The spelling is a model of its own, or reads like one: the link sends that model's spellings here.
  const key = makerKey(readSpelling(spelling).key);
  const folded = catalog.models.find(
    (m) => m.id !== modelId && (sameSpelling(m.id, spelling) || makerKey(readSpelling(m.id).key) === key),
  );
  let { models, overrides } = catalog;
  if (folded) {
    const target = catalog.models.find((m) => m.id === modelId);
    if (!target) throw new LinkEditError(`no model "${modelId}" in models.json`);
    const taken = new Set(overrides.filter((o) => o.model_id === modelId).map((o) => `${offeringKey(o)}\u0000${o.priority}`));
    const moved: Override[] = [];
    for (const o of overrides) {
      if (o.model_id !== folded.id) continue;
      const next = { ...o, model_id: modelId };
      if (taken.has(`${offeringKey(next)}\u0000${next.priority}`)) {
        throw new LinkEditError(
          `${o.provider_id} offers both "${folded.id}" and "${modelId}"${o.variant ? ` (variant ${o.variant})` : ''} at priority ${o.priority}; ` +
            'disable one of the two offerings first',
        );
      }
      moved.push(next);
    }
    const aliases = [...new Set([...(target.aliases ?? []), ...(folded.aliases ?? [])])].filter((a) => a !== modelId);
    models = catalog.models
      .filter((m) => m !== folded)
      .map((m) => {
        const withAliases = m === target && aliases.length > 0 ? { ...m, aliases } : m;
        return withAliases.replaced_by === folded.id ? { ...withAliases, replaced_by: modelId } : withAliases;
      });
    overrides = [
      ...overrides.filter((o) => o.model_id !== folded.id),
      ...moved,
    ].map((o) => (o.replace_with === folded.id ? { ...o, replace_with: modelId } : o));
    changes.push(`folded model "${folded.id}" into "${modelId}" (${moved.length} offering${moved.length === 1 ? '' : 's'} moved)`);
  }
  const kept = (catalog.links ?? []).filter((l) => !sameSpelling(l.spelling, spelling));
  const link: Link = { spelling, model_id: modelId, relation: 'same', ...(reason ? { reason } : {}) };
  changes.push(`linked "${spelling}" to "${modelId}"`);
  return { catalog: { ...catalog, models, overrides, links: [...kept, link] }, changes };
}

/**
 * A person says `spelling` is not the model `modelId`: a link of theirs between the two is removed,
 * or, when a source or a spelling rule made the link, a `different` link stops it at the next import.
 */
export function unlinkSpelling(catalog: Catalog, spelling: string, modelId: string, reason?: string): LinkEdit {
  const links = catalog.links ?? [];
  const mine = links.filter((l) => sameSpelling(l.spelling, spelling) && l.model_id === modelId);
  const others = links.filter((l) => !mine.includes(l));
  if (mine.some((l) => l.relation === 'same')) {
    return {
      catalog: { ...catalog, links: others },
      changes: [`removed the link of "${spelling}" to "${modelId}"`],
    };
  }
  const alias = catalog.models.find((m) => m.id === modelId)?.aliases?.find((a) => sameSpelling(a, spelling));
  if (alias !== undefined) {
    throw new LinkEditError(`"${alias}" is an alias of "${modelId}" in models.json; remove the alias there instead`);
  }
  const link: Link = { spelling, model_id: modelId, relation: 'different', ...(reason ? { reason } : {}) };
  return {
    catalog: { ...catalog, links: [...others, link] },
    changes: [`"${spelling}" will no longer be linked to "${modelId}" (takes effect at the next import or sync)`],
  };
}
