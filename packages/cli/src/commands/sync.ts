import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { addSyncOptions, SYNC_HELP_AFTER, type SyncCommandOptions } from './sync-options.ts';
import { runSyncCommand } from './sync-run.ts';

export function registerSync(program: Command, getContext: () => CommandContext): void {
  addSyncOptions(
    program
      .command('sync')
      .description("fetch providers' list-models APIs and merge them into the catalog")
      .argument('[ids...]', 'provider ids to sync; a provider named here is synced even when its models_api is disabled')
      .option('--all', 'sync every provider whose models_api.enabled is true'),
  )
    .addHelpText('after', SYNC_HELP_AFTER)
    .action(async (ids: string[], opts: SyncCommandOptions & { all?: boolean }) => {
      if (opts.all && ids.length > 0) throw new CliError('name providers or use --all, not both');
      if (!opts.all && ids.length === 0) throw new CliError('name the providers to sync, or use --all');
      await runSyncCommand(getContext(), opts, { providers: opts.all ? 'all' : ids });
    });
}
