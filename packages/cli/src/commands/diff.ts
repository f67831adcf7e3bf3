import {
  buildChangeReport,
  GitError,
  HistoricalCatalogError,
  PR_BODY_MAX_CHARS,
  readCatalogAtRef,
  renderChangeReport,
  REPORT_FORMATS,
  type ReportFormat,
} from '@llm-catalog/sync';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';

interface DiffOptions {
  from: string;
  to?: string;
  format: ReportFormat;
  maxChars: string;
  failOnRisk?: boolean;
}

/** Git and historical-file failures are the user's input (a ref, a commit): one line, exit 2. */
export async function withGitErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GitError || err instanceof HistoricalCatalogError) throw new CliError(err.message, EXIT.fatal);
    throw err;
  }
}

function parseMaxChars(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--max-chars must be a positive whole number, got "${raw}"`);
  return n;
}

export function registerDiff(program: Command, getContext: () => CommandContext): void {
  program
    .command('diff')
    .description('the change report between two git refs of the data files (or the work tree)')
    .option('--from <ref>', 'the older state', 'HEAD')
    .option('--to <ref>', 'the newer state (default: the work tree)')
    .addOption(
      new Option('--format <format>', 'markdown for pull requests, json for machines, text for terminals')
        .choices(REPORT_FORMATS)
        .default('text'),
    )
    .option('--max-chars <n>', 'markdown size bound; whole rows past it are left out and counted', String(PR_BODY_MAX_CHARS))
    .option('--fail-on-risk', 'exit 1 when the report has any risk flag (for CI gates)')
    .addHelpText(
      'after',
      '\nReads the three data files at each ref with `git show` (no checkout), resolves every provider\'s\n' +
        'models on both sides and reports risk flags first, then per provider the models added and removed\n' +
        'and the changed prices, limits and capabilities (old -> new), then totals. --json is --format json.',
    )
    .action(async (opts: DiffOptions) => {
      const ctx = getContext();
      const maxChars = parseMaxChars(opts.maxChars);
      const [before, after] = await withGitErrors(() =>
        Promise.all([readCatalogAtRef(ctx.dataDir, opts.from), readCatalogAtRef(ctx.dataDir, opts.to)]),
      );
      const report = buildChangeReport(before, after, { from: opts.from, ...(opts.to ? { to: opts.to } : {}) });
      if (ctx.json) ctx.printJson(report);
      else ctx.io.stdout(renderChangeReport(report, opts.format, { maxChars, style: ctx.color }));
      if (opts.failOnRisk && report.risks.length > 0) {
        ctx.error(`${report.risks.length} risk flag${report.risks.length === 1 ? '' : 's'} (--fail-on-risk)`);
        ctx.setExitCode(EXIT.partial);
      }
    });
}
