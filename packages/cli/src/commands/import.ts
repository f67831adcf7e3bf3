import { type Command, createArgument } from 'commander';
import { AGGREGATOR_IMPORTERS } from '@llm-catalog/sync';
import type { CommandContext } from '../context.ts';
import { addSyncOptions, runSyncCommand, SYNC_HELP_AFTER, type SyncCommandOptions } from './sync-run.ts';

/** The aggregators whose lists are authoritative for the base facts they report (docs/data-contract.md). */
export const IMPORT_SOURCES = AGGREGATOR_IMPORTERS;

export function registerImport(program: Command, getContext: () => CommandContext): void {
  addSyncOptions(
    program
      .command('import')
      .description('authoritative import from an aggregator: refresh the base facts it reports, fill gaps')
      .addArgument(createArgument('<source>', 'the aggregator, fetched from its models_api URL in providers.json').choices(IMPORT_SOURCES)),
  )
    .addHelpText(
      'after',
      `
The aggregator's names, modalities, limits, capabilities and list prices refresh the base models
they came from and fill facts no one has set. A fact a person set (one without a provenance entry)
is never overwritten. The aggregator's own offering is merged like any sync.
${SYNC_HELP_AFTER}`,
    )
    .action(async (source: string, opts: SyncCommandOptions) => {
      await runSyncCommand(getContext(), opts, { providers: [source], mode: 'import' });
    });
}
