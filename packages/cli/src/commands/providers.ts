import { ApiFormatSchema, TransformerNameSchema } from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import type { AddOptions } from './provider-options.ts';
import { addProvider, editProvider, type EditOptions, removeProvider, setSyncEnabled } from './providers-edit.ts';
import { listProviders, showProvider } from './providers-view.ts';

export function registerProviders(program: Command, getContext: () => CommandContext): void {
  const providers = program.command('providers').description('list, inspect, add, remove, enable and disable providers');
  providers
    .command('list')
    .description('every provider: default format, models served, key variable (set or missing), sync state')
    .action(() => listProviders(getContext()));
  providers
    .command('show')
    .description('one provider in full')
    .argument('<id>', 'provider id')
    .action((id: string) => showProvider(getContext(), id));
  providers
    .command('add')
    .description('add a provider to providers.json; the format and models endpoint are detected from the URL when not given')
    .requiredOption('--name <name>', 'display name, e.g. "My Lab"')
    .requiredOption('--base-url <url>', 'the API base URL, e.g. https://llm.example.com/v1')
    .option('--id <id>', 'provider id (default: the name as a slug)')
    .option('--format <format>', `API format: ${ApiFormatSchema.options.join(', ')} (default: detected, else OPENAI)`)
    .option('--key-env <VAR>', 'the environment variable holding its key (default: <ID>_API_KEY)')
    .option('--no-key', 'the provider takes no key (a local server)')
    .option('--transformer <name>', `transformer for its models list: ${TransformerNameSchema.options.join(', ')}`)
    .option('--models-url <url>', 'where it lists its models (default: detected, else <base-url>/models)')
    .addHelpText(
      'after',
      '\nExample: catalog providers add --name "My Lab" --base-url https://llm.example.com/v1 --key-env MYLAB_API_KEY\n' +
        'Nothing is written when the id or the base URL is already in the catalog, the URL is invalid, or the format is unknown.',
    )
    .action((opts: AddOptions) => addProvider(getContext(), opts));
  providers
    .command('edit')
    .description("change a provider's name, links, key variable, update frequency or deprecation; an empty value clears a field")
    .argument('<id>', 'provider id')
    .option('--name <name>', 'display name')
    .option('--description <text>', 'a description a person writes')
    .option('--website <url>', 'home page')
    .option('--documentation <url>', 'API documentation')
    .option('--key-env <VAR>', 'the environment variable holding its key')
    .option('--update-frequency <f>', 'realtime, daily, weekly or manual')
    .option('--deprecated', 'mark it deprecated')
    .option('--no-deprecated', 'clear the deprecated mark')
    .action((id: string, opts: EditOptions) => editProvider(getContext(), id, opts));
  providers
    .command('remove')
    .description('remove a provider; refuses while overrides reference it unless --force')
    .argument('<id>', 'provider id')
    .option('--force', "also remove the provider's overrides (auto and manual)")
    .action((id: string, opts: { force?: boolean }) => removeProvider(getContext(), id, opts));
  providers
    .command('enable')
    .description("include a provider in `sync --all` and `health` (sets models_api.enabled)")
    .argument('<id>', 'provider id')
    .action((id: string) => setSyncEnabled(getContext(), id, true));
  providers
    .command('disable')
    .description("leave a provider out of `sync --all` and `health` (clears models_api.enabled)")
    .argument('<id>', 'provider id')
    .action((id: string) => setSyncEnabled(getContext(), id, false));
}
