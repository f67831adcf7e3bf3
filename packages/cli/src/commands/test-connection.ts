import { CatalogLoadError, loadValidCatalog, type Provider } from '@llm-catalog/catalog';
import { type ConnectionTestPlan, planConnectionTest, probeProvider, type ProbeResult } from '@llm-catalog/sync';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { renderPairs } from '../table.ts';
import { parseFormat, parseKeyEnv, parseTimeout, parseTransformer, parseUrl } from './provider-options.ts';

export const TEST_DEFAULT_TIMEOUT_MS = 10_000;

interface TestOptions {
  url: string;
  keyEnv?: string;
  format?: string;
  transformer?: string;
  modelsUrl?: string;
  timeout: string;
}

/** The catalog's providers, when the data directory can be read; a connection test does not need them. */
async function knownProviders(dataDir: string): Promise<Provider[]> {
  try {
    return (await loadValidCatalog(dataDir)).catalog.providers;
  } catch (err) {
    if (err instanceof CatalogLoadError) return [];
    throw err;
  }
}

function printJson(ctx: CommandContext, plan: ConnectionTestPlan, result: ProbeResult, url: string): void {
  const { detected, known } = plan;
  const ok = result.status === 'up';
  ctx.printJson({
    url,
    detected: detected ? { type: detected.type, name: detected.name, provider_id: detected.providerId ?? null } : null,
    catalog_provider: known?.id ?? null,
    format: plan.format,
    models_url: plan.modelsUrl,
    transformer: plan.transformer,
    key_env: result.keyEnv ?? null,
    key: result.key === 'found' ? 'set' : result.keyEnv ? 'missing' : 'not-needed',
    ok,
    ...(result.httpStatus !== undefined ? { http_status: result.httpStatus } : {}),
    latency_ms: result.latencyMs,
    ...(ok ? { models: result.models, sample: result.sample } : { error: result.error, diagnosis: result.diagnosis }),
  });
}

function statusText(result: ProbeResult): string {
  const http = result.httpStatus !== undefined;
  return result.status === 'up'
    ? `ok: ${http ? `HTTP ${result.httpStatus} ` : ''}with a models list in ${result.latencyMs} ms`
    : `failed${http ? `: HTTP ${result.httpStatus}` : ''} after ${result.latencyMs} ms (${result.error})`;
}

function modelsText(result: ProbeResult): string {
  const sample = result.sample ?? [];
  if (sample.length === 0) return `${result.models}`;
  return `${result.models}: ${sample.join(', ')}${(result.models ?? 0) > sample.length ? ', ...' : ''}`;
}

function printRows(ctx: CommandContext, plan: ConnectionTestPlan, result: ProbeResult, url: string, formatGiven: boolean): void {
  const { detected, known } = plan;
  const keyState = result.keyEnv ? `${result.keyEnv} (${result.key === 'found' ? 'set' : 'not set: tested without a key'})` : 'none';
  const rows: [string, string][] = [
    ['url', url],
    ['detected', detected ? `${detected.name} (${detected.type})` : `not recognized${formatGiven ? '' : '; treated as OpenAI-compatible'}`],
    ...(known ? [['catalog provider', known.id] as [string, string]] : []),
    ['models url', `${plan.modelsUrl} (${plan.transformer} transformer)`],
    ['key', keyState],
    ['status', statusText(result)],
    ...(result.status === 'up' ? [['models', modelsText(result)] as [string, string]] : []),
  ];
  ctx.io.stdout(renderPairs(rows));
}

async function testConnection(ctx: CommandContext, opts: TestOptions): Promise<void> {
  const url = parseUrl(opts.url, '--url');
  const format = opts.format ? parseFormat(opts.format) : undefined;
  const request = {
    url,
    ...(format ? { format } : {}),
    ...(opts.transformer ? { transformer: parseTransformer(opts.transformer) } : {}),
    ...(opts.keyEnv !== undefined ? { keyEnv: parseKeyEnv(opts.keyEnv) } : {}),
    ...(opts.modelsUrl !== undefined ? { modelsUrl: parseUrl(opts.modelsUrl, '--models-url') } : {}),
  };
  const timeoutMs = parseTimeout(opts.timeout);
  const plan = planConnectionTest(request, await knownProviders(ctx.dataDir));
  const result = await probeProvider(plan.provider, { env: ctx.io.env, timeoutMs, retries: 0, missingKey: 'probe-without' });
  if (ctx.json) printJson(ctx, plan, result, url);
  else printRows(ctx, plan, result, url, format !== undefined);
  if (result.status !== 'up') throw new CliError(result.diagnosis ?? result.error ?? 'the connection failed', EXIT.partial);
}

export function registerTestConnection(program: Command, getContext: () => CommandContext): void {
  program
    .command('test')
    .description("test a provider's connection without saving anything: type, status, latency, models")
    .requiredOption('--url <url>', 'the API base URL (or its models URL), e.g. https://api.groq.com/openai/v1')
    .option('--key-env <VAR>', 'the variable holding the key (default: that of the catalog provider at this base URL)')
    .option('--format <format>', 'API format (default: detected from the URL, else OPENAI)')
    .option('--transformer <name>', 'how to read the models list (default: from the format)')
    .option('--models-url <url>', 'where the models are listed (default: detected, else <url>/models)')
    .option('--timeout <ms>', 'give up after this long', String(TEST_DEFAULT_TIMEOUT_MS))
    .addHelpText(
      'after',
      '\nExit 0 when the endpoint answers with a models list; 1 with a one-line diagnosis otherwise\n' +
        '(nothing listening, HTML instead of JSON, a rejected key, no endpoint at the URL).\n' +
        'Example: catalog test --url http://localhost:11434',
    )
    .action((opts: TestOptions) => testConnection(getContext(), opts));
}
