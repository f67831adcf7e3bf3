import { DateStringSchema } from '@llm-catalog/catalog';
import { DEFAULT_CONCURRENCY, DEFAULT_RETRIES, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_TIMEOUT_MS } from '@llm-catalog/sync';
import { type Command, InvalidArgumentError } from 'commander';
import { MAX_TIMEOUT_MS } from './provider-options.ts';

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
