import { inspectCatalog } from '@llm-catalog/catalog';
import { buildModelHistory, closeMatches, HISTORY_DEFAULT_LIMIT, renderModelHistory } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { withGitErrors } from './diff.ts';

interface HistoryOptions {
  limit: string;
  ref?: string;
}

function parseLimit(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--limit must be a positive whole number, got "${raw}"`);
  return n;
}

export function registerHistory(program: Command, getContext: () => CommandContext): void {
  program
    .command('history')
    .description("a model's price and limit timeline at one provider, from the git log of the data files")
    .argument('<provider>', 'provider id, e.g. openrouter')
    .argument('<model>', "model id, alias, or the provider's own spelling")
    .option('--limit <n>', 'read at most this many commits that touched the data files', String(HISTORY_DEFAULT_LIMIT))
    .option('--ref <ref>', 'walk the history of this ref instead of HEAD')
    .addHelpText(
      'after',
      '\nOne row per commit where the resolved prices, limits or availability changed (date, commit, values).',
    )
    .action(async (providerId: string, modelId: string, opts: HistoryOptions) => {
      const ctx = getContext();
      const limit = parseLimit(opts.limit);
      const history = await withGitErrors(() =>
        buildModelHistory(ctx.dataDir, providerId, modelId, { limit, ...(opts.ref ? { ref: opts.ref } : {}) }),
      );
      if (history.entries.length === 0) {
        const known = (await inspectCatalog(ctx.dataDir)).catalog.providers.map((p) => p.id);
        if (!known.includes(providerId)) {
          const near = closeMatches(providerId, known);
          throw new CliError(`unknown provider "${providerId}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ' (not in providers.json)'}`);
        }
        throw new CliError(
          `${providerId} does not serve "${modelId}" in ${history.commits_read === 1 ? 'the last commit' : `any of the last ${history.commits_read} commits`} of the data files`,
        );
      }
      for (const s of history.skipped) ctx.warn(`skipped ${s.sha.slice(0, 7)}: ${s.error.split('\n')[0] ?? ''}`);
      if (ctx.json) ctx.printJson(history);
      else ctx.io.stdout(renderModelHistory(history, ctx.color));
    });
}
