import { type EntryRule, problem } from './rule.ts';

export const duplicateProviderId: EntryRule<'providers'> = (p, i, ix) =>
  ix.firstProvider.get(p.id) !== i ? problem('duplicate-id', `duplicate provider id "${p.id}"`, { field: 'id' }) : undefined;
