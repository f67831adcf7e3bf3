import {
  loadValidCatalog,
  plural,
  providerDetail,
  providerSummaries,
  providerSyncState,
  type ProviderKeyState,
} from '@llm-catalog/catalog';
import type { CommandContext } from '../context.ts';
import { renderTable } from '../table.ts';
import { explained } from './providers-edit.ts';

const keyText = (key: ProviderKeyState, set: (k: ProviderKeyState) => string) => (key.key_env ? set(key) : 'none needed');

export async function listProviders(ctx: CommandContext) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const rows = providerSummaries(catalog, ctx.io.env);
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
        keyText(r, (k) => `${k.key_env} ${k.key}`),
        r.sync,
        [...r.tags, ...(r.deprecated ? ['deprecated'] : [])].join(', '),
      ]),
      { width: ctx.io.columns },
    ),
  );
  ctx.info(`${plural(rows.length, 'provider')}; "sync" is whether \`sync --all\` and \`health\` include it`);
}

export async function showProvider(ctx: CommandContext, id: string) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  const detail = explained(() => providerDetail(catalog, id, ctx.io.env));
  if (ctx.json) {
    ctx.printJson(detail);
    return;
  }
  const { provider, key } = detail;
  const lines: [string, string | undefined][] = [
    ['id', provider.id],
    ['name', provider.name],
    ['description', provider.description],
    ['website', provider.website],
    ['documentation', provider.documentation],
    ['authentication', provider.authentication],
    ['key', keyText(key, (k) => `${k.key_env} (${k.key})`)],
    ...provider.formats.map((f): [string, string] => [`format ${f.format}`, `${f.base_url}${f.default ? ' (default)' : ''}`]),
    ['endpoints', provider.supported_endpoints?.join(', ')],
    ['tags', provider.metadata?.tags?.join(', ')],
    ['deprecated', provider.deprecated ? 'yes' : undefined],
    ['sync', providerSyncState(provider)],
    ...(provider.models_api?.endpoints ?? []).map((e): [string, string] => [
      'models endpoint',
      `${e.url} (${e.transformer ?? e.format.toLowerCase()} transformer)`,
    ]),
    ['update frequency', provider.models_api?.update_frequency],
    ['last synced', provider.models_api?.last_synced],
    ['models', `${detail.models} served, ${detail.disabled} disabled`],
    ['overrides', `${detail.overrides} (${detail.manual_overrides} manual)`],
  ];
  ctx.io.stdout(renderTable(['field', 'value'], lines.filter((l): l is [string, string] => l[1] !== undefined), { width: ctx.io.columns }));
}
