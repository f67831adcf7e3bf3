import {
  addProvider as addProviderEntry,
  ApiFormatSchema,
  type Catalog,
  editProvider as editProviderEntry,
  findProviderOrThrow,
  indexCatalog,
  keyEnvOf,
  type Provider,
  ProviderEditError,
  type ProviderPatch,
  loadValidCatalog,
  removeProvider as removeProviderEntry,
  resolveProviderModels,
  setProviderSyncEnabled,
  TransformerNameSchema,
  UpdateFrequencySchema,
} from '@llm-catalog/catalog';
import { draftProvider, ProviderDraftError } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { parseFormat, parseKeyEnv, parseTransformer, parseUrl } from './provider-options.ts';
import { renderTable } from '../table.ts';

/** Which variable holds the key and whether it is set; never the value. */
function keyDisplay(provider: Provider, env: NodeJS.ProcessEnv): { key_env?: string; key: 'set' | 'missing' | 'not-needed' } {
  const name = keyEnvOf(provider);
  if (!name) return { key: 'not-needed' };
  return { key_env: name, key: env[name]?.trim() ? 'set' : 'missing' };
}

const defaultFormat = (p: Provider) => p.formats.find((f) => f.default) ?? p.formats[0];
const syncState = (p: Provider) => (p.models_api ? (p.models_api.enabled ? 'enabled' : 'disabled') : 'none');

/** The library's refusals, as one-line usage errors that name the command to look further. */
function explained<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ProviderEditError) {
      const next: Partial<Record<ProviderEditError['code'], string>> = {
        'unknown-provider': 'see `catalog providers list`',
        'duplicate-id': 'nothing was written',
        'duplicate-url': 'nothing was written',
        referenced: 'pass --force to remove them with the provider; nothing was written',
      };
      throw new CliError(next[err.code] ? `${err.message}; ${next[err.code]}` : err.message);
    }
    throw err;
  }
}

const findProvider = (catalog: Catalog, id: string): Provider => explained(() => findProviderOrThrow(catalog, id));

function modelCounts(catalog: Catalog) {
  const index = indexCatalog(catalog);
  return (id: string) => {
    const models = resolveProviderModels(index, id);
    return { models: models.filter((m) => !m.disabled).length, disabled: models.filter((m) => m.disabled).length };
  };
}

async function listProviders(ctx: CommandContext) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const counts = modelCounts(catalog);
  const rows = [...catalog.providers]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((p) => ({
      id: p.id,
      name: p.name,
      format: defaultFormat(p)?.format,
      base_url: defaultFormat(p)?.base_url,
      ...counts(p.id),
      ...keyDisplay(p, ctx.io.env),
      sync: syncState(p),
      tags: p.metadata?.tags ?? [],
      ...(p.deprecated ? { deprecated: true } : {}),
    }));
  if (ctx.json) {
    ctx.printJson({ providers: rows });
    return;
  }
  ctx.io.stdout(
    renderTable(
      ['id', 'name', 'format', 'models', 'key', 'sync', 'tags'],
      rows.map((r) => [
        r.id,
        r.name,
        r.format ?? '-',
        String(r.models),
        r.key_env ? `${r.key_env} ${r.key}` : 'none needed',
        r.sync,
        [...r.tags, ...(r.deprecated ? ['deprecated'] : [])].join(', '),
      ]),
      { width: ctx.io.columns },
    ),
  );
  ctx.info(`${plural(rows.length, 'provider')}; "sync" is whether \`sync --all\` and \`health\` include it`);
}

async function showProvider(ctx: CommandContext, id: string) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const provider = findProvider(catalog, id);
  const counts = modelCounts(catalog)(id);
  const key = keyDisplay(provider, ctx.io.env);
  const overrides = catalog.overrides.filter((o) => o.provider_id === id);
  const manual = overrides.filter((o) => o.priority >= 100).length;
  if (ctx.json) {
    ctx.printJson({ provider, key, ...counts, overrides: overrides.length, manual_overrides: manual });
    return;
  }
  const lines: [string, string | undefined][] = [
    ['id', provider.id],
    ['name', provider.name],
    ['description', provider.description],
    ['website', provider.website],
    ['documentation', provider.documentation],
    ['authentication', provider.authentication],
    ['key', key.key_env ? `${key.key_env} (${key.key})` : 'none needed'],
    ...provider.formats.map((f): [string, string] => [`format ${f.format}`, `${f.base_url}${f.default ? ' (default)' : ''}`]),
    ['endpoints', provider.supported_endpoints?.join(', ')],
    ['tags', provider.metadata?.tags?.join(', ')],
    ['deprecated', provider.deprecated ? 'yes' : undefined],
    ['sync', syncState(provider)],
    ...(provider.models_api?.endpoints ?? []).map((e): [string, string] => [
      'models endpoint',
      `${e.url} (${e.transformer ?? e.format.toLowerCase()} transformer)`,
    ]),
    ['update frequency', provider.models_api?.update_frequency],
    ['last synced', provider.models_api?.last_synced],
    ['models', `${counts.models} served, ${counts.disabled} disabled`],
    ['overrides', `${overrides.length} (${manual} manual)`],
  ];
  ctx.io.stdout(renderTable(['field', 'value'], lines.filter((l): l is [string, string] => l[1] !== undefined), { width: ctx.io.columns }));
}

interface AddOptions {
  name: string;
  baseUrl: string;
  id?: string;
  format?: string;
  keyEnv?: string;
  key: boolean;
  transformer?: string;
  modelsUrl?: string;
}

/** The provider entry `providers add` writes, from its flags and what the URL reveals. Throws CliError on bad input. */
function providerFromOptions(opts: AddOptions) {
  const baseUrl = parseUrl(opts.baseUrl, '--base-url');
  const format = opts.format ? parseFormat(opts.format) : undefined;
  const transformer = opts.transformer ? parseTransformer(opts.transformer) : undefined;
  if (opts.keyEnv !== undefined) parseKeyEnv(opts.keyEnv);
  if (opts.keyEnv !== undefined && !opts.key) throw new CliError('--key-env and --no-key contradict each other');
  const modelsUrl = opts.modelsUrl === undefined ? undefined : parseUrl(opts.modelsUrl, '--models-url');
  const flagOf: Record<string, string> = { id: '--id', name: '--name', baseUrl: '--base-url', modelsUrl: '--models-url', keyEnv: '--key-env' };
  try {
    return draftProvider({
      name: opts.name,
      baseUrl,
      key: opts.key,
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      ...(format ? { format } : {}),
      ...(opts.keyEnv !== undefined ? { keyEnv: opts.keyEnv } : {}),
      ...(transformer ? { transformer } : {}),
      ...(modelsUrl ? { modelsUrl } : {}),
    });
  } catch (err) {
    if (err instanceof ProviderDraftError) throw new CliError(`${flagOf[err.field] ?? err.field}: ${err.message}`);
    throw err;
  }
}

async function addProvider(ctx: CommandContext, opts: AddOptions) {
  const { provider, notes } = providerFromOptions(opts);
  const { written } = await editCatalog(ctx.dataDir, (catalog) => ({
    catalog: explained(() => addProviderEntry(catalog, provider)),
    result: undefined,
  }));
  if (ctx.json) {
    ctx.printJson({ added: provider, notes, written });
    return;
  }
  for (const n of notes) ctx.warn(`note: ${n}`);
  const endpoint = provider.models_api?.endpoints[0];
  ctx.info(`added provider "${provider.id}" to providers.json: ${provider.formats[0]?.format} at ${provider.formats[0]?.base_url}`);
  if (endpoint) ctx.info(`  models listed at ${endpoint.url} (${endpoint.transformer} transformer)`);
  const key = keyDisplay(provider, ctx.io.env);
  ctx.info(`  key: ${key.key_env ? `${key.key_env} (${key.key})` : 'none needed'}`);
  ctx.info(`next: \`catalog test --url ${provider.formats[0]?.base_url}\`, then \`catalog sync ${provider.id}\``);
}

async function removeProvider(ctx: CommandContext, id: string, opts: { force?: boolean }) {
  const { result } = await editCatalog(ctx.dataDir, (catalog) => explained(() => removeProviderEntry(catalog, id, opts)));
  if (ctx.json) {
    ctx.printJson({ removed: id, ...result });
    return;
  }
  ctx.info(
    `removed provider "${id}"` +
      (result.removed_overrides > 0
        ? ` and its ${plural(result.removed_overrides, 'override')} (${result.removed_manual_overrides} manual)`
        : ''),
  );
  if (result.orphaned_models.length > 0) {
    ctx.info(
      `${plural(result.orphaned_models.length, 'model is', 'models are')} now served by no provider; ` +
        'they stay in models.json and `catalog validate` lists them',
    );
  }
}

async function setSyncEnabled(ctx: CommandContext, id: string, enabled: boolean) {
  const { result } = await editCatalog(ctx.dataDir, (catalog) => {
    const { catalog: next, changed } = explained(() => setProviderSyncEnabled(catalog, id, enabled));
    return { catalog: next, result: changed };
  });
  if (ctx.json) ctx.printJson({ id, enabled, changed: result });
  else if (!result) ctx.info(`"${id}" is already ${enabled ? 'enabled' : 'disabled'}; nothing changed`);
  else ctx.info(`${enabled ? 'enabled' : 'disabled'} "${id}": \`sync --all\` and \`health\` ${enabled ? 'now include' : 'now skip'} it`);
}

interface EditOptions {
  name?: string;
  description?: string;
  website?: string;
  documentation?: string;
  keyEnv?: string;
  updateFrequency?: string;
  deprecated?: boolean;
}

/** An empty flag value clears an optional field. */
const orClear = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value.trim());

async function editProvider(ctx: CommandContext, id: string, opts: EditOptions) {
  let updateFrequency: ProviderPatch['update_frequency'];
  if (opts.updateFrequency !== undefined) {
    const parsed = UpdateFrequencySchema.safeParse(opts.updateFrequency);
    if (!parsed.success) throw new CliError(`--update-frequency "${opts.updateFrequency}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    updateFrequency = parsed.data;
  }
  const keyEnv = orClear(opts.keyEnv);
  if (typeof keyEnv === 'string') parseKeyEnv(keyEnv);
  const patch: ProviderPatch = {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.description !== undefined ? { description: orClear(opts.description) } : {}),
    ...(opts.website !== undefined ? { website: orClear(opts.website) } : {}),
    ...(opts.documentation !== undefined ? { documentation: orClear(opts.documentation) } : {}),
    ...(keyEnv !== undefined ? { api_key_env: keyEnv } : {}),
    ...(opts.deprecated !== undefined ? { deprecated: opts.deprecated } : {}),
    ...(updateFrequency ? { update_frequency: updateFrequency } : {}),
  };
  if (Object.keys(patch).length === 0) throw new CliError('nothing to edit: give at least one option (see --help)');
  const { result } = await editCatalog(ctx.dataDir, (catalog) => {
    const edited = explained(() => editProviderEntry(catalog, id, patch));
    return { catalog: edited.catalog, result: edited };
  });
  if (ctx.json) ctx.printJson({ provider: result.provider, changed: result.changed });
  else ctx.info(result.changed ? `updated provider "${id}"` : `"${id}" already has these values; nothing changed`);
}

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
