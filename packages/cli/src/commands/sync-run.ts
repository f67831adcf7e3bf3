import { DateStringSchema, formatDisagreement, type ReferenceSource, writeFileAtomic } from '@llm-catalog/catalog';
import {
  buildChangeReport,
  DataFilesDirtyError,
  DEFAULT_CONCURRENCY,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  GitError,
  PR_BODY_MAX_CHARS,
  type ProviderSelection,
  ProviderSelectionError,
  redactSecrets,
  renderChangeReport,
  runSync,
  secretsOf,
  syncJsonDocument,
  type SyncRunResult,
  warningText,
} from '@llm-catalog/sync';
import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { outputPathOutsideData } from '../output-path.ts';
import { MAX_TIMEOUT_MS } from './provider-options.ts';
import { readJsonBody } from '../read-body.ts';
import { createSyncProgress } from './sync-progress.ts';
import { describeWrites, renderRunMarkdown, renderSummaryTable } from './sync-summary.ts';

export interface SyncCommandOptions {
  dryRun?: boolean;
  concurrency: number;
  perHost?: number;
  timeout: number;
  retries: number;
  retryDelay: number;
  allowRemovals?: boolean;
  commit?: boolean;
  report?: string;
  from?: string;
  asOf?: string;
}

/** `--as-of`: a calendar day, so the provenance and file versions it writes are real dates. */
function calendarDay(raw: string): string {
  const day = raw.trim();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && DateStringSchema.safeParse(day).success;
  if (!valid || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${raw}"`);
  }
  return day;
}

/** Bounded so a typo cannot overflow a timer (above 2^31 ms Node fires at once) or open thousands of sockets. */
const wholeNumber = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
};
/** Above the default of 64: a catalog of hundreds of providers may want more, but not thousands of sockets. */
const MAX_CONCURRENCY = 256;
const MAX_RETRIES = 10;
const MAX_RETRY_DELAY_MS = 60_000;

/** The options `sync` and `import` share (docs/cli.md). */
export function addSyncOptions(command: Command): Command {
  return command
    .option('--dry-run', 'fetch and merge, report what would change, write nothing')
    .option('--concurrency <n>', 'providers fetched at once', wholeNumber(1, MAX_CONCURRENCY), DEFAULT_CONCURRENCY)
    .option('--per-host <n>', 'providers fetched at once from one host (default: no limit but --concurrency)', wholeNumber(1, MAX_CONCURRENCY))
    .option(
      '--timeout <ms>',
      'per-request timeout in milliseconds, body included',
      wholeNumber(1, MAX_TIMEOUT_MS),
      DEFAULT_TIMEOUT_MS,
    )
    .option('--retries <n>', 'retries after a timeout, network error, 429 or 5xx', wholeNumber(0, MAX_RETRIES), DEFAULT_RETRIES)
    .option(
      '--retry-delay <ms>',
      'base delay of the exponential backoff between retries (a Retry-After header wins)',
      wholeNumber(0, MAX_RETRY_DELAY_MS),
      DEFAULT_RETRY_BASE_DELAY_MS,
    )
    .option('--allow-removals', 'accept an empty list, or the loss of more than half of a provider\'s models')
    .option('--commit', 'commit the changed data files with a message summarizing the change report')
    .option('--report <file>', 'write the change report and the run summary to this Markdown file')
    .option('--from <file>', 'read a recorded body from this file ("-" for stdin) instead of fetching')
    .option('--as-of <date>', 'the date the facts are as of (YYYY-MM-DD): provenance and file versions use it, not today', calendarDay);
}

export const SYNC_HELP_AFTER = `
Keys are read from the environment, or from .env in the working directory: the provider's
api_key_env in providers.json, else <ID>_API_KEY. The run prints which keys it found and which are
missing before it fetches; a provider whose key is missing is skipped, not failed. No key is ever
printed, logged, or written to a file or report.

Providers are fetched concurrently and merged one at a time in id order. The whole result is
validated before anything is written; files are written atomically under a lock, so a second run
on the same data directory exits 2 at once. A run that changes nothing leaves every file
byte-identical. A provider whose list is empty, or would lose more than half of its models, is
failed and left untouched unless --allow-removals.

--from FILE reads a recorded body (what the live URL returns) through the same transformer, so a
catalog can be built and reviewed offline; --as-of DATE records that date as each fact's as-of date
and versions the files written by the newest as-of date in the catalog, so the same commands give
the same bytes on any day. Each source writes its own priority band (docs/sources.md) and replaces
only that band: one source never erases what another reported.

Exit codes: 0 every provider updated, unchanged or skipped; 1 some provider failed (the others are
still written); 2 usage error or fatal (bad data files, lock held, uncommitted data edits with
--commit), nothing written.`;

/** The new disagreements a run prints; the report file and `catalog audit` have them all. */
const NEW_DISAGREEMENTS_SHOWN = 10;

/** Run-level refusals are the user's to fix (a name, a dirty work tree): one line, exit 2. */
async function runOrExplain(work: () => Promise<SyncRunResult>): Promise<SyncRunResult> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ProviderSelectionError || err instanceof DataFilesDirtyError || err instanceof GitError) {
      throw new CliError(err.message, EXIT.fatal);
    }
    throw err;
  }
}

async function writeReport(ctx: CommandContext, result: SyncRunResult, path: string): Promise<void> {
  const report = buildChangeReport(result.before, result.after);
  const run = renderRunMarkdown(result);
  // The file becomes a pull-request body: the change report yields room so the run summary fits too.
  const changes = renderChangeReport(report, 'markdown', { maxChars: Math.max(1, PR_BODY_MAX_CHARS - run.length - 1) });
  const text = `${changes}\n${run}`;
  // Every upstream text in the report was redacted where it entered; this is the last line of defence.
  await writeFileAtomic(path, redactSecrets(text, secretsOf(result.after.providers, ctx.io.env)));
}

function printHuman(ctx: CommandContext, result: SyncRunResult, reportPath: string | undefined): void {
  ctx.info();
  ctx.info(renderSummaryTable(result, ctx.color).trimEnd());
  const notes = result.providers.flatMap((p) => p.notes.map((n) => `  ${p.id}: ${n.message}`));
  if (notes.length > 0) {
    ctx.info();
    ctx.info('notes:');
    for (const line of notes) ctx.info(line);
  }
  if (result.newDisagreements.length > 0) {
    ctx.info();
    ctx.info(`new disagreements between sources (catalog audit lists them all): ${result.newDisagreements.length}`);
    for (const d of result.newDisagreements.slice(0, NEW_DISAGREEMENTS_SHOWN)) ctx.info(`  ${formatDisagreement(d)}`);
    if (result.newDisagreements.length > NEW_DISAGREEMENTS_SHOWN) {
      ctx.info(`  ... and ${result.newDisagreements.length - NEW_DISAGREEMENTS_SHOWN} more`);
    }
  }
  ctx.info();
  ctx.info(describeWrites(result));
  if (result.commit?.committed) {
    const subject = result.commit.message.split('\n')[0] ?? '';
    ctx.info(`committed ${result.commit.sha?.slice(0, 12) ?? ''}: ${subject}`);
  } else if (result.commit && !result.commit.error) {
    ctx.info('nothing to commit');
  }
  if (reportPath) ctx.info(`report written to ${reportPath}`);
  for (const p of result.providers) {
    for (const w of p.warnings) ctx.warn(`${ctx.color.yellow('warning')} ${p.id}: ${warningText(w)}`);
  }
  for (const w of result.sourceWarnings ?? []) ctx.warn(`${ctx.color.yellow('warning')} ${warningText(w)}`);
  for (const p of result.providers.filter((x) => x.status === 'failed')) {
    ctx.error(`${ctx.color.red('error')} ${p.id}: ${p.error ?? 'failed'}`);
  }
  if (result.commit?.error) ctx.error(`${ctx.color.red('error')} files written but not committed: ${result.commit.error}`);
}

/** The action behind `sync` and `import`: run, show progress, summarize, write the report, set the exit code. */
export async function runSyncCommand(
  ctx: CommandContext,
  opts: SyncCommandOptions,
  request: { providers: ProviderSelection; source?: ReferenceSource },
): Promise<void> {
  if (opts.commit && opts.dryRun) {
    throw new CliError('--commit and --dry-run cannot be combined: a dry run writes nothing to commit');
  }
  const reportPath = opts.report ? outputPathOutsideData(ctx, opts.report, '--report') : undefined;
  if (opts.from !== undefined && !request.source && (request.providers === 'all' || request.providers.length !== 1)) {
    throw new CliError('--from reads one recorded list: name exactly one provider');
  }
  const recorded = opts.from !== undefined ? { body: await readJsonBody(opts.from, ctx.io.cwd) } : undefined;
  const progress = createSyncProgress(ctx);
  let result: SyncRunResult;
  try {
    result = await runOrExplain(() =>
      runSync({
        dataDir: ctx.dataDir,
        providers: request.providers,
        ...(request.source ? { source: request.source } : {}),
        ...(recorded ? { recorded } : {}),
        ...(opts.asOf ? { asOf: opts.asOf } : {}),
        env: ctx.io.env,
        dryRun: Boolean(opts.dryRun),
        concurrency: opts.concurrency,
        ...(opts.perHost !== undefined ? { perHost: opts.perHost } : {}),
        timeoutMs: opts.timeout,
        retries: opts.retries,
        retryBaseDelayMs: opts.retryDelay,
        allowRemovals: Boolean(opts.allowRemovals),
        commit: Boolean(opts.commit),
        onProgress: progress.listener,
      }),
    );
  } finally {
    progress.finish();
  }
  if (reportPath) await writeReport(ctx, result, reportPath);
  if (ctx.json) ctx.printJson(syncJsonDocument(result, reportPath));
  else printHuman(ctx, result, reportPath);
  if (result.totals.failed > 0 || result.commit?.error) ctx.setExitCode(EXIT.partial);
}
