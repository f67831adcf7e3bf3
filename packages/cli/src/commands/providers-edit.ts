import {
  addProvider as addProviderEntry,
  editProvider as editProviderEntry,
  providerKeyState,
  ProviderEditError,
  type ProviderPatch,
  plural,
  removeProvider as removeProviderEntry,
  setProviderSyncEnabled,
  UpdateFrequencySchema,
} from '@llm-catalog/catalog';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { CliError } from '../errors.ts';
import { type AddOptions, parseKeyEnv, providerFromOptions } from './provider-options.ts';

/** The edits of `catalog providers`: each parses its flags, calls one library edit through editCatalog, prints. */

export /** The library's refusals, as one-line usage errors that name the command to look further. */
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

export async function addProvider(ctx: CommandContext, opts: AddOptions) {
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
  const key = providerKeyState(provider, ctx.io.env);
  ctx.info(`  key: ${key.key_env ? `${key.key_env} (${key.key})` : 'none needed'}`);
  ctx.info(`next: \`catalog test --url ${provider.formats[0]?.base_url}\`, then \`catalog sync ${provider.id}\``);
}

export async function removeProvider(ctx: CommandContext, id: string, opts: { force?: boolean }) {
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

export async function setSyncEnabled(ctx: CommandContext, id: string, enabled: boolean) {
  const { result } = await editCatalog(ctx.dataDir, (catalog) => {
    const { catalog: next, changed } = explained(() => setProviderSyncEnabled(catalog, id, enabled));
    return { catalog: next, result: changed };
  });
  if (ctx.json) ctx.printJson({ id, enabled, changed: result });
  else if (!result) ctx.info(`"${id}" is already ${enabled ? 'enabled' : 'disabled'}; nothing changed`);
  else ctx.info(`${enabled ? 'enabled' : 'disabled'} "${id}": \`sync --all\` and \`health\` ${enabled ? 'now include' : 'now skip'} it`);
}

export interface EditOptions {
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

export async function editProvider(ctx: CommandContext, id: string, opts: EditOptions) {
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

