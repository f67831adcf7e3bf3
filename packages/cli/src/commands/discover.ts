import { loadValidCatalog, plural } from '@llm-catalog/catalog';
import { type DiscoveredProvider, discoverProviders, newProviders } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { EXIT } from '../errors.ts';
import { renderTable } from '../table.ts';

const VIA: Record<DiscoveredProvider['via'], string> = { key: 'key', 'ollama-url': 'OLLAMA_BASE_URL', 'custom-url': 'custom URL' };

/** What a row says about the variables: names, and set/missing for keys; never a value. */
function variables(d: DiscoveredProvider): string {
  return d.env.map((name) => (name.endsWith('_URL') ? `${name}=${d.baseUrl ?? ''}` : `${name} set`)).join(', ');
}

/** A discovered provider in --json, with the snake_case field names of every other document. */
function discoveredJson(d: DiscoveredProvider) {
  const { inCatalog, baseUrl, ...rest } = d;
  return { ...rest, in_catalog: inCatalog, ...(baseUrl !== undefined ? { base_url: baseUrl } : {}) };
}

function status(d: DiscoveredProvider, saved: boolean): string {
  if (d.inCatalog) return 'in catalog';
  const endpoint = d.provider?.models_api?.endpoints[0];
  return `${saved ? 'added' : 'new: would add'} (${d.provider?.formats[0]?.format}${endpoint ? `, models at ${endpoint.url}` : ''})`;
}

export function registerDiscover(program: Command, getContext: () => CommandContext): void {
  program
    .command('discover')
    .description('find providers from the environment: known key variables, OLLAMA_BASE_URL, PROVIDER_<NAME>_URL/_KEY')
    .option('--save', 'add the providers not yet in the catalog to providers.json')
    .addHelpText(
      'after',
      '\nKeys are matched against every provider\'s key variable; a key is shown as "set", never its value.\n' +
        'A custom OpenAI-compatible provider: PROVIDER_MYLAB_URL=https://llm.example.com/v1 and PROVIDER_MYLAB_KEY=...\n' +
        '`sync --all` includes the custom providers found this way.',
    )
    .action(async (opts: { save?: boolean }) => {
      const ctx = getContext();
      const env = ctx.io.env;
      let discovery = discoverProviders((await loadValidCatalog(ctx.dataDir)).catalog, env);
      let saved: string[] = [];
      if (opts.save) {
        const { result } = await editCatalog(ctx.dataDir, (catalog) => {
          const fresh = discoverProviders(catalog, env);
          const added = newProviders(fresh);
          if (added.length === 0) return { catalog, result: { discovery: fresh, added: [] as string[] } };
          return {
            catalog: { ...catalog, providers: [...catalog.providers, ...added] },
            result: { discovery: fresh, added: added.map((p) => p.id) },
          };
        });
        discovery = result.discovery;
        saved = result.added;
      }
      if (discovery.problems.length > 0) ctx.setExitCode(EXIT.partial);
      if (ctx.json) {
        ctx.printJson({ found: discovery.found.map(discoveredJson), problems: discovery.problems, ...(opts.save ? { saved } : {}) });
        return;
      }
      for (const p of discovery.problems) ctx.warn(`${ctx.color.yellow('warning')} ${p.env} ${p.message}; ignored`);
      if (discovery.found.length === 0) {
        ctx.info('no providers found in the environment (see .env.example for the variables)');
        return;
      }
      ctx.io.stdout(
        renderTable(
          ['id', 'found by', 'variables', 'status'],
          discovery.found.map((d) => [d.id, VIA[d.via], variables(d), status(d, saved.includes(d.id))]),
          { width: ctx.io.columns },
        ),
      );
      for (const d of discovery.found) if (d.note) ctx.warn(`note: ${d.note}`);
      const pending = discovery.found.filter((d) => !d.inCatalog && !saved.includes(d.id)).length;
      if (saved.length > 0) ctx.info(`added ${plural(saved.length, 'provider')} to providers.json: ${saved.join(', ')}`);
      else if (pending > 0) ctx.info(`run \`catalog discover --save\` to add ${plural(pending, 'new provider')} to providers.json`);
    });
}
