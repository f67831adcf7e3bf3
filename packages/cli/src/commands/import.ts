import { AGGREGATOR_IMPORTERS, isReferenceSource, REFERENCE_SOURCES } from '@llm-catalog/catalog';
import { type Command, createArgument } from 'commander';
import type { CommandContext } from '../context.ts';
import { addSyncOptions, SYNC_HELP_AFTER, type SyncCommandOptions } from './sync-options.ts';
import { runSyncCommand } from './sync-run.ts';

/** The aggregators (their own offerings, and base facts) and the reference catalogs (offerings of many providers); see docs/sources.md. */
export const IMPORT_SOURCES = [...AGGREGATOR_IMPORTERS, ...REFERENCE_SOURCES];

export function registerImport(program: Command, getContext: () => CommandContext): void {
  addSyncOptions(
    program
      .command('import')
      .description('import an aggregator (openrouter, aihubmix) or a reference catalog (models.dev, litellm)')
      .addArgument(createArgument('<source>', 'where the facts come from').choices(IMPORT_SOURCES)),
  )
    .addHelpText(
      'after',
      `
openrouter, aihubmix: the aggregator's own list, fetched from its models_api URL in providers.json.
It is merged as the aggregator's own offerings, and its names, modalities, limits, capabilities and
list prices refresh the base models they came from and fill facts no one has set.

models.dev (https://models.dev/api.json), litellm (LiteLLM's model_prices_and_context_window.json on
GitHub): public files, no key. Each lists the offerings of many providers; each provider's entries
are written in that source's own priority band, below the provider's own list API. Providers the
source lists that the catalog lacks are added with models_api disabled unless their list URL is known.

A fact a person set (no provenance entry, or a manual override) is never overwritten.
${SYNC_HELP_AFTER}`,
    )
    .action(async (source: string, opts: SyncCommandOptions) => {
      const request = isReferenceSource(source) ? { providers: [], source } : { providers: [source] };
      await runSyncCommand(getContext(), opts, request);
    });
}
