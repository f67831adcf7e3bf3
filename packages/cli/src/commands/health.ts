import { formatCount, loadValidCatalog, plural } from '@llm-catalog/catalog';
import { type ProbeResult, probeProviders, ProviderSelectionError, selectProviders } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { renderTable } from '../table.ts';
import { parseTimeout } from './provider-options.ts';

export const HEALTH_DEFAULT_TIMEOUT_MS = 10_000;
export const HEALTH_DEFAULT_CONCURRENCY = 8;
const HEALTH_MAX_CONCURRENCY = 64;

interface HealthOptions {
  timeout: string;
  concurrency: string;
}

/**
 * A provider that is down fails the run when someone expected it up: it was named, its key is set,
 * or it is a hosted service whose list needs no key (OpenRouter's public endpoint). A server without
 * any key (Ollama, vLLM) that is simply not running on this machine does not.
 */
const failsRun = (r: ProbeResult, named: boolean) =>
  r.status === 'down' && (named || r.key === 'found' || (r.key === 'not-needed' && r.keyEnv !== undefined));

function parseConcurrency(raw: string): number {
  const concurrency = Number(raw);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > HEALTH_MAX_CONCURRENCY) {
    throw new CliError(`--concurrency must be a whole number from 1 to ${HEALTH_MAX_CONCURRENCY}, got "${raw}"`);
  }
  return concurrency;
}

const resultJson = (r: ProbeResult) => ({
  id: r.id,
  status: r.status,
  url: r.url,
  key: r.key === 'found' ? 'set' : r.key,
  ...(r.keyEnv ? { key_env: r.keyEnv } : {}),
  ...(r.latencyMs !== undefined ? { latency_ms: r.latencyMs } : {}),
  ...(r.models !== undefined ? { models: r.models } : {}),
  ...(r.httpStatus !== undefined ? { http_status: r.httpStatus } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.diagnosis ? { diagnosis: r.diagnosis } : {}),
});

async function checkHealth(ctx: CommandContext, ids: string[], opts: HealthOptions): Promise<void> {
  const timeoutMs = parseTimeout(opts.timeout);
  const concurrency = parseConcurrency(opts.concurrency);
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  let providers;
  try {
    providers = selectProviders(catalog.providers, ids.length > 0 ? ids : 'all');
  } catch (err) {
    if (err instanceof ProviderSelectionError) throw new CliError(err.message);
    throw err;
  }
  const results = await probeProviders(providers, { env: ctx.io.env, timeoutMs, concurrency, missingKey: 'skip' });
  const count = (status: ProbeResult['status']) => results.filter((r) => r.status === status).length;
  if (results.some((r) => failsRun(r, ids.length > 0))) ctx.setExitCode(EXIT.partial);
  if (ctx.json) {
    ctx.printJson({
      providers: results.map(resultJson),
      totals: { providers: results.length, up: count('up'), down: count('down'), skipped: count('skipped') },
    });
    return;
  }
  ctx.io.stdout(
    renderTable(
      ['provider', 'status', 'latency', 'models', 'error'],
      results.map((r) => [
        r.id,
        r.status,
        r.latencyMs !== undefined && r.status !== 'skipped' ? `${r.latencyMs} ms` : '-',
        formatCount(r.models),
        r.diagnosis ?? r.error ?? '',
      ]),
      { width: ctx.io.columns },
    ),
  );
  ctx.info(`${count('up')} up, ${count('down')} down, ${count('skipped')} skipped of ${plural(results.length, 'provider')}`);
}

export function registerHealth(program: Command, getContext: () => CommandContext): void {
  program
    .command('health')
    .description("probe the enabled providers' models endpoints concurrently: status, latency, model count, error")
    .argument('[ids...]', 'only these providers (default: every provider whose models_api is enabled)')
    .option('--timeout <ms>', 'per provider', String(HEALTH_DEFAULT_TIMEOUT_MS))
    .option('--concurrency <n>', 'providers probed at once', String(HEALTH_DEFAULT_CONCURRENCY))
    .addHelpText(
      'after',
      '\nA provider whose key is not set is skipped. Exit 1 when a provider is down whose key is set, whose\n' +
        'models list is public, or that was named; a keyless local server that is off does not fail the run.\n' +
        'Nothing is written.',
    )
    .action((ids: string[], opts: HealthOptions) => checkHealth(getContext(), ids, opts));
}
