import { heldBefore, linkPairKey } from './index-catalog.ts';
import { type EntryRule, problem } from './rule.ts';

// A person's links must be unambiguous: each names a known model, no spelling links to two models,
// none contradicts an id or alias of another model, and none says both `same` and `different`.

/** A reviewed link may come before the import that creates its model (it then names the new model). */
export const unknownLinkedModel: EntryRule<'links'> = (link, _i, ix) =>
  ix.firstModel.has(link.model_id)
    ? undefined
    : problem('unknown-model', `unknown model "${link.model_id}" (not in models.json); the link applies once a source adds it`, {
        field: 'model_id',
        severity: 'warning',
      });

export const duplicateLink: EntryRule<'links'> = (link, i, ix) =>
  ix.firstOfLinkPair.get(linkPairKey(link.spelling, link.model_id)) === i
    ? undefined
    : problem('duplicate-link', `"${link.spelling}" is linked to "${link.model_id}" twice (say same or different, once)`);

export const linkToTwoModels: EntryRule<'links'> = (link, i, ix) => {
  if (link.relation !== 'same') return undefined;
  const spelling = link.spelling.toLowerCase();
  const other = heldBefore(ix.sameLinks, spelling, i);
  const named = ix.names.get(spelling);
  const conflict =
    other !== undefined && other !== link.model_id
      ? `"${link.spelling}" is linked to two models, "${other}" and "${link.model_id}"`
      : named !== undefined && named !== link.model_id
        ? `"${link.spelling}" is model "${named}"'s ${named === spelling ? 'id' : 'alias'}, but this link sends it to "${link.model_id}"`
        : undefined;
  return conflict ? problem('link-two-models', conflict, { field: 'spelling' }) : undefined;
};
