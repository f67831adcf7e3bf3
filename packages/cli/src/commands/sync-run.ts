import { formatDisagreement, type ReferenceSource, writeFileAtomic } from '@llm-catalog/catalog';
import {
  buildChangeReport,
  DataFilesDirtyError,
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
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { outputPathOutsideData } from '../output-path.ts';
import { boundHeapGrowth } from '../heap.ts';
import { readJsonBody } from '../read-body.ts';
import { createSyncProgress } from './sync-progress.ts';
import type { SyncCommandOptions } from './sync-options.ts';
import { describeWrites, renderRunMarkdown, renderSummaryTable } from './sync-summary.ts';

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
  boundHeapGrowth();
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
