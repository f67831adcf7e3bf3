import {
  type Capability,
  CapabilitySchema,
  type FieldOrigin,
  formatCount,
  formatTokenPrice,
  indexCatalog,
  loadValidCatalog,
  notServedMessage,
  offeringFacts,
  plural,
  resolveModel,
  resolveProviderModels,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { renderTable } from '../table.ts';
import { setModelDisabled, type ToggleOptions } from './models-toggle.ts';
import { whoServes } from './who-serves.ts';

interface ListOptions {
  provider?: string;
  capability?: string;
}

async function listModels(ctx: CommandContext, opts: ListOptions) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const index = indexCatalog(catalog);
  if (opts.provider && !index.providers.has(opts.provider)) {
    throw new CliError(`unknown provider "${opts.provider}" (see \`catalog providers list\`)`);
  }
  let capability: Capability | undefined;
  if (opts.capability) {
    const parsed = CapabilitySchema.safeParse(opts.capability.toUpperCase());
    if (!parsed.success) {
      throw new CliError(`unknown capability "${opts.capability}" (${CapabilitySchema.options.join(', ')})`);
    }
    capability = parsed.data;
  }
  const providerIds = opts.provider ? [opts.provider] : [...index.providers.keys()].sort();
  const models = providerIds
    .flatMap((id) => resolveProviderModels(index, id))
    .filter((m) => !capability || m.capabilities?.includes(capability));
  if (ctx.json) {
    ctx.printJson({ models });
    return;
  }
  ctx.io.stdout(
    renderTable(
      ['provider', 'model', 'context', 'input /1M', 'output /1M', 'capabilities'],
      models.map((m) => [
        m.provider_id,
        (m.provider_model_id !== m.id ? `${m.id} (as ${m.provider_model_id})` : m.id) + (m.disabled ? ' [disabled]' : ''),
        formatCount(m.context_window),
        formatTokenPrice(m.pricing?.input),
        formatTokenPrice(m.pricing?.output),
        (m.capabilities ?? []).join(', '),
      ]),
      { width: ctx.io.columns },
    ),
  );
  ctx.info(plural(models.length, 'offering'));
}

const ORIGIN_LABEL: Record<FieldOrigin, string> = { base: 'base', auto: 'auto override', manual: 'manual override' };

async function showModel(ctx: CommandContext, providerId: string, modelId: string) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const index = indexCatalog(catalog);
  if (!index.providers.has(providerId)) throw new CliError(`unknown provider "${providerId}" (see \`catalog providers list\`)`);
  const resolution = resolveModel(index, providerId, modelId);
  if (!resolution) throw new CliError(notServedMessage(index, providerId, modelId));
  const { model, overrides } = resolution;
  const facts = offeringFacts(resolution);
  if (ctx.json) {
    ctx.printJson({
      provider_id: providerId,
      model_id: model.id,
      model,
      origins: Object.fromEntries(facts.map((f) => [f.field, f.origin])),
      overrides,
    });
    return;
  }
  ctx.info(`${providerId} / ${model.id}${model.variant ? ` (variant ${model.variant})` : ''}${model.disabled ? ' (disabled)' : ''}`);
  ctx.io.stdout(renderTable(['field', 'value', 'from'], facts.map((f) => [f.field, f.text, ORIGIN_LABEL[f.origin]]), { width: ctx.io.columns }));
  ctx.info(
    `overrides applied in order: ${overrides
      .map((o) => `priority ${o.priority} (${o.priority >= 100 ? `manual: ${o.reason ?? 'no reason'}` : 'auto'})`)
      .join(', ')}`,
  );
}

export function registerModels(program: Command, getContext: () => CommandContext): void {
  const models = program.command('models').description('list and inspect the models each provider serves; switch them on and off');
  models
    .command('list')
    .description("every provider's models with their effective context, prices and capabilities")
    .option('--provider <id>', 'only this provider')
    .option('--capability <name>', `only models with this capability (${CapabilitySchema.options.join(', ')})`)
    .action((opts: ListOptions) => listModels(getContext(), opts));
  models
    .command('show')
    .description('the model as a provider serves it, and where each field came from (base, auto override, manual override)')
    .argument('<provider>', 'provider id')
    .argument('<model>', "model id, alias, or the provider's own spelling")
    .action((provider: string, model: string) => showModel(getContext(), provider, model));
  models
    .command('who-serves')
    .description('every provider serving a model, with its own id, variant, prices and context; cheapest first')
    .argument('<model>', 'any spelling of the model: base id, alias, or any provider\'s own id')
    .action((model: string) => whoServes(getContext(), model));
  models
    .command('disable')
    .description('mark a model as not offered by a provider, with a manual override (priority >= 100) no sync changes')
    .argument('<provider>', 'provider id')
    .argument('<model>', "model id, alias, or the provider's own spelling")
    .option('--reason <text>', 'why (required)')
    .option('--replace-with <model>', 'the model to use instead')
    .action((provider: string, model: string, opts: ToggleOptions) => setModelDisabled(getContext(), provider, model, true, opts));
  models
    .command('enable')
    .description('offer a model again; removes the manual override that disabled it, or writes one with --reason')
    .argument('<provider>', 'provider id')
    .argument('<model>', "model id, alias, or the provider's own spelling")
    .option('--reason <text>', 'why (needed when something other than a plain disable override switched it off)')
    .action((provider: string, model: string, opts: ToggleOptions) => setModelDisabled(getContext(), provider, model, false, opts));
}
