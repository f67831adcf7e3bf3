import { indexForIntegrity } from './integrity/index-catalog.ts';
import { linkToTwoModels, duplicateLink, unknownLinkedModel } from './integrity/link-rules.ts';
import {
  aliasShadowsId,
  duplicateAlias,
  duplicateModelId,
  orphanModel,
  sameModelTwoIds,
  unknownReplacement,
} from './integrity/model-rules.ts';
import {
  duplicatePriority,
  manualWithoutReason,
  outputExceedsContext,
  unknownModel,
  unknownProvider,
  unknownReplaceWith,
} from './integrity/override-rules.ts';
import { implausiblePrices } from './integrity/prices.ts';
import { duplicateProviderId } from './integrity/provider-rules.ts';
import { type Pass, pass } from './integrity/rule.ts';
import type { Catalog } from './io/read.ts';
import type { CatalogProblem } from './problems.ts';

export { implausiblePriceMessage, implausibleTokenPrices, MIN_PLAUSIBLE_PER_MILLION } from './integrity/prices.ts';
export { offeringLabel } from './integrity/override-rules.ts';

/**
 * The integrity rules, in the order their problems are reported: a new check is a rule added to a
 * pass here, not a branch inside one function.
 */
const PASSES: readonly Pass[] = [
  pass('providers', [duplicateProviderId]),
  pass('models', [duplicateModelId, duplicateAlias, implausiblePrices]),
  pass('models', [aliasShadowsId, unknownReplacement]),
  pass('overrides', [
    unknownProvider,
    unknownModel,
    unknownReplaceWith,
    manualWithoutReason,
    duplicatePriority,
    implausiblePrices,
    outputExceedsContext,
  ]),
  pass('models', [sameModelTwoIds]),
  pass('links', [unknownLinkedModel, duplicateLink, linkToTwoModels]),
  pass('models', [orphanModel]),
];

/**
 * Checks what a schema cannot see on one entry alone: references between files, duplicates, and
 * values that are legal but almost certainly wrong. Expects entries that already passed the schema.
 * Every rule reads one index built once.
 */
export function checkIntegrity(catalog: Catalog): CatalogProblem[] {
  const ix = indexForIntegrity(catalog);
  return PASSES.flatMap((run) => run(catalog, ix));
}
