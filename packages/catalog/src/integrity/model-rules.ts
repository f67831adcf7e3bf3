import { spellingKey } from '../ids.ts';
import { heldBefore } from './index-catalog.ts';
import { type EntryRule, problem } from './rule.ts';

export const duplicateModelId: EntryRule<'models'> = (m, i, ix) =>
  ix.firstModel.get(m.id) !== i ? problem('duplicate-id', `duplicate model id "${m.id}"`, { field: 'id' }) : undefined;

/** An alias listed by an earlier model with another id. */
export const duplicateAlias: EntryRule<'models'> = (m, i, ix) =>
  [...new Set(m.aliases ?? [])].flatMap((alias) => {
    const owner = heldBefore(ix.aliasHolders, alias, i);
    return owner !== undefined && owner !== m.id
      ? [problem('duplicate-alias', `alias "${alias}" is also an alias of "${owner}"`, { field: 'aliases' })]
      : [];
  });

export const aliasShadowsId: EntryRule<'models'> = (m, _i, ix) =>
  m.aliases?.some((a) => ix.firstModel.has(a) && a !== m.id)
    ? problem(
        'alias-shadows-id',
        `an alias equals another model's id: ${m.aliases.filter((a) => ix.firstModel.has(a)).join(', ')}`,
        { field: 'aliases' },
      )
    : undefined;

export const unknownReplacement: EntryRule<'models'> = (m, _i, ix) =>
  m.replaced_by && !ix.firstModel.has(m.replaced_by)
    ? problem('unknown-model', `replaced_by names unknown model "${m.replaced_by}"`, { field: 'replaced_by', severity: 'warning' })
    : undefined;

export const sameModelTwoIds: EntryRule<'models'> = (m, _i, ix) => {
  const first = ix.firstOfSpelling.get(spellingKey(m.id));
  // The very same id twice is already a duplicate-id error.
  return first !== undefined && first !== m.id
    ? problem(
        'same-model-two-ids',
        `"${m.id}" and "${first}" differ only in separators; if they are one model, keep one id and make the other an alias`,
        { field: 'id', severity: 'warning' },
      )
    : undefined;
};

export const orphanModel: EntryRule<'models'> = (m, _i, ix) =>
  ix.served.has(m.id)
    ? undefined
    : problem('orphan-model', 'no provider serves this model (no enabled override names it)', { severity: 'warning' });
