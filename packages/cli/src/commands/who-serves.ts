import {
  findBaseModelId,
  formatCount,
  formatTokenPrice,
  indexCatalog,
  loadValidCatalog,
  plural,
  providersFor,
} from '@llm-catalog/catalog';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { renderTable } from '../table.ts';

/**
 * Every provider serving the model a spelling names (any provider's spelling, an alias, a linked
 * name), one row per offering with the provider's own id, the variant, its prices and context,
 * cheapest input then output first and unknown prices last.
 */
export async function whoServes(ctx: CommandContext, spelling: string): Promise<void> {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const index = indexCatalog(catalog);
  const modelId = findBaseModelId(index, spelling);
  if (!modelId) {
    throw new CliError(`no model is known as "${spelling}" (try \`catalog identity suggest\` or \`catalog models list\`)`);
  }
  const offerings = providersFor(index, modelId);
  if (ctx.json) {
    ctx.printJson({
      model_id: modelId,
      offerings: offerings.map(({ provider_id, provider_model_id, variant, model }) => ({
        provider_id,
        provider_model_id,
        ...(variant ? { variant } : {}),
        ...(model.pricing?.input ? { input: model.pricing.input } : {}),
        ...(model.pricing?.output ? { output: model.pricing.output } : {}),
        ...(model.context_window ? { context_window: model.context_window } : {}),
      })),
    });
    return;
  }
  ctx.info(`${modelId}${modelId === spelling.toLowerCase() ? '' : ` (as "${spelling}")`}`);
  ctx.io.stdout(
    renderTable(
      ['provider', 'provider model id', 'variant', 'input /1M', 'output /1M', 'context'],
      offerings.map(({ provider_id, provider_model_id, variant, model }) => [
        provider_id,
        provider_model_id,
        variant ?? '',
        formatTokenPrice(model.pricing?.input),
        formatTokenPrice(model.pricing?.output),
        formatCount(model.context_window),
      ]),
    ),
  );
  const providers = new Set(offerings.map((o) => o.provider_id)).size;
  ctx.info(`${plural(offerings.length, 'offering')} at ${plural(providers, 'provider')}`);
}
