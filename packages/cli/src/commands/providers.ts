import {
  ApiFormatSchema,
  type Catalog,
  indexCatalog,
  keyEnvOf,
  type Provider,
  ProviderIdSchema,
  ProviderSchema,
  readCatalog,
  resolveProviderModels,
  TransformerNameSchema,
} from '@llm-catalog/catalog';
import { defaultModelsUrl, detectProviderFromUrl, modelsEndpointFor } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { parseFormat, parseKeyEnv, parseTransformer, parseUrl, transformerOfFormat } from './provider-options.ts';
import { renderTable } from '../table.ts';

/** Which variable holds the key and whether it is set; never the value. */
function keyDisplay(provider: Provider, env: NodeJS.ProcessEnv): { key_env?: string; key: 'set' | 'missing' | 'not-needed' } {
  const name = keyEnvOf(provider);
  if (!name) return { key: 'not-needed' };
  return { key_env: name, key: env[name]?.trim() ? 'set' : 'missing' };
}

const defaultFormat = (p: Provider) => p.formats.find((f) => f.default) ?? p.formats[0];
const syncState = (p: Provider) => (p.models_api ? (p.models_api.enabled ? 'enabled' : 'disabled') : 'none');

function findProvider(catalog: Catalog, id: string): Provider {
  const provider = catalog.providers.find((p) => p.id === id);
  if (!provider) throw new CliError(`unknown provider "${id}" (not in providers.json; see \`catalog providers list\`)`);
  return provider;
}

function modelCounts(catalog: Catalog) {
  const index = indexCatalog(catalog);
  return (id: string) => {
    const models = resolveProviderModels(index, id);
    return { models: models.filter((m) => !m.disabled).length, disabled: models.filter((m) => m.disabled).length };
  };
}

async function listProviders(ctx: CommandContext) {
  const { catalog } = await readCatalog(ctx.dataDir);
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
    ),
  );
  ctx.info(`${plural(rows.length, 'provider')}; "sync" is whether \`sync --all\` and \`health\` include it`);
}

async function showProvider(ctx: CommandContext, id: string) {
  const { catalog } = await readCatalog(ctx.dataDir);
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
  ctx.io.stdout(renderTable(['field', 'value'], lines.filter((l): l is [string, string] => l[1] !== undefined)));
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

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The provider entry `providers add` writes, from its flags and what the URL reveals. Throws CliError on bad input. */
function providerFromOptions(opts: AddOptions): { provider: Provider; notes: string[]; detectedId: string | undefined } {
  const baseUrl = parseUrl(opts.baseUrl, '--base-url');
  const id = opts.id ?? slugOf(opts.name);
  if (!ProviderIdSchema.safeParse(id).success) {
    throw new CliError(`provider id "${id}" is not a lowercase slug (a-z, 0-9, "-"); pass --id`);
  }
  const format = opts.format ? parseFormat(opts.format) : undefined;
  const transformer = opts.transformer ? parseTransformer(opts.transformer) : undefined;
  if (opts.keyEnv !== undefined) parseKeyEnv(opts.keyEnv);
  if (opts.keyEnv !== undefined && !opts.key) throw new CliError('--key-env and --no-key contradict each other');
  const explicitModelsUrl = opts.modelsUrl === undefined ? undefined : parseUrl(opts.modelsUrl, '--models-url');

  const notes: string[] = [];
  const detected = detectProviderFromUrl(baseUrl);
  // The detection speaks for the URL only when the person did not name a different format.
  const trusted = detected && (!format || format === detected.format) ? detected : undefined;
  if (detected) notes.push(`detected ${detected.name} from the URL`);
  const effectiveFormat = format ?? detected?.format ?? 'OPENAI';
  if (!format && !detected) notes.push('format not given and not recognized from the URL: assumed OpenAI-compatible');
  const effectiveTransformer = transformer ?? trusted?.transformer ?? transformerOfFormat(effectiveFormat);
  const modelsUrl =
    explicitModelsUrl ?? trusted?.modelsUrl ?? (effectiveFormat === 'CUSTOM' ? undefined : defaultModelsUrl(baseUrl, effectiveFormat));
  if (!modelsUrl || !effectiveTransformer) {
    notes.push('no models endpoint (give --models-url and --transformer to let `sync` list its models)');
  }
  const keyless = !opts.key || (opts.keyEnv === undefined && detected?.local === true);
  const provider: Provider = {
    id,
    name: opts.name,
    authentication: keyless ? 'NONE' : 'API_KEY',
    ...(opts.keyEnv ? { api_key_env: opts.keyEnv } : {}),
    formats: [{ format: effectiveFormat, base_url: baseUrl, default: true }],
    ...(detected?.local ? { metadata: { tags: ['self-hosted' as const] } } : {}),
    ...(modelsUrl && effectiveTransformer
      ? {
          models_api: {
            enabled: true,
            update_frequency: 'daily' as const,
            endpoints: [modelsEndpointFor(modelsUrl, effectiveTransformer, trusted ?? {})],
          },
        }
      : {}),
  };
  const parsed = ProviderSchema.safeParse(provider);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`the new provider is invalid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'schema error'}`);
  }
  return { provider: parsed.data, notes, detectedId: detected?.providerId };
}

async function addProvider(ctx: CommandContext, opts: AddOptions) {
  const { provider, notes, detectedId } = providerFromOptions(opts);
  const { written } = await editCatalog(ctx.dataDir, (catalog) => {
    if (catalog.providers.some((p) => p.id === provider.id)) {
      throw new CliError(`provider "${provider.id}" already exists in providers.json (see \`catalog providers show ${provider.id}\`); nothing was written`);
    }
    if (detectedId && detectedId !== provider.id && catalog.providers.some((p) => p.id === detectedId)) {
      notes.push(`the catalog already has this service as "${detectedId}"`);
    }
    return { catalog: { ...catalog, providers: [...catalog.providers, provider] }, result: undefined };
  });
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
  const { result } = await editCatalog(ctx.dataDir, (catalog) => {
    findProvider(catalog, id);
    const referencing = catalog.overrides.filter((o) => o.provider_id === id);
    const manual = referencing.filter((o) => o.priority >= 100).length;
    if (referencing.length > 0 && !opts.force) {
      throw new CliError(
        `${plural(referencing.length, 'override')} in overrides.json reference "${id}" (${manual} manual); ` +
          'pass --force to remove them with the provider; nothing was written',
      );
    }
    const overrides = catalog.overrides.filter((o) => o.provider_id !== id);
    const stillServed = new Set(overrides.filter((o) => !o.disabled).map((o) => o.model_id));
    const wasServed = new Set(referencing.filter((o) => !o.disabled).map((o) => o.model_id));
    const orphaned = [...wasServed].filter((m) => !stillServed.has(m)).sort();
    return {
      catalog: { ...catalog, providers: catalog.providers.filter((p) => p.id !== id), overrides },
      result: { removed_overrides: referencing.length, removed_manual_overrides: manual, orphaned_models: orphaned },
    };
  });
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
    const provider = findProvider(catalog, id);
    if (!provider.models_api) {
      throw new CliError(`"${id}" has no models_api in providers.json, so there is nothing to ${enabled ? 'enable' : 'disable'}`);
    }
    if (provider.models_api.enabled === enabled) return { catalog, result: false };
    const updated: Provider = { ...provider, models_api: { ...provider.models_api, enabled } };
    return { catalog: { ...catalog, providers: catalog.providers.map((p) => (p === provider ? updated : p)) }, result: true };
  });
  if (ctx.json) ctx.printJson({ id, enabled, changed: result });
  else if (!result) ctx.info(`"${id}" is already ${enabled ? 'enabled' : 'disabled'}; nothing changed`);
  else ctx.info(`${enabled ? 'enabled' : 'disabled'} "${id}": \`sync --all\` and \`health\` ${enabled ? 'now include' : 'now skip'} it`);
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
        'Nothing is written when the id exists, the URL is invalid, or the format is unknown.',
    )
    .action((opts: AddOptions) => addProvider(getContext(), opts));
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
