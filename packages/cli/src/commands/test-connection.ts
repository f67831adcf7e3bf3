import { CatalogLoadError, defaultKeyEnvFor, keyEnvOf, type Provider, loadValidCatalog } from '@llm-catalog/catalog';
import {
  defaultModelsUrl,
  detectProviderFromUrl,
  findProviderByUrl,
  modelsEndpointFor,
  probeProvider,
} from '@llm-catalog/sync';
import { transformerOfFormat } from '@llm-catalog/transformers';
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
    .action(async (opts: TestOptions) => {
      const ctx = getContext();
      const url = parseUrl(opts.url, '--url');
      const format = opts.format ? parseFormat(opts.format) : undefined;
      const transformer = opts.transformer ? parseTransformer(opts.transformer) : undefined;
      const explicitKeyEnv = opts.keyEnv === undefined ? undefined : parseKeyEnv(opts.keyEnv);
      const explicitModelsUrl = opts.modelsUrl === undefined ? undefined : parseUrl(opts.modelsUrl, '--models-url');
      const timeoutMs = parseTimeout(opts.timeout);

      const detected = detectProviderFromUrl(url);
      const trusted = detected && (!format || format === detected.format) ? detected : undefined;
      const known = findProviderByUrl(await knownProviders(ctx.dataDir), url);
      const keyEnv =
        explicitKeyEnv ??
        (known ? keyEnvOf(known) : detected?.providerId ? defaultKeyEnvFor(detected.providerId) : undefined);
      const effectiveFormat = format ?? detected?.format ?? 'OPENAI';
      const effectiveTransformer =
        transformer ?? trusted?.transformer ?? transformerOfFormat(effectiveFormat) ?? 'openai';
      const modelsUrl = explicitModelsUrl ?? trusted?.modelsUrl ?? defaultModelsUrl(url, effectiveFormat);
      const provider: Provider = {
        id: known?.id ?? detected?.providerId ?? detected?.type ?? 'custom',
        name: detected?.name ?? 'custom',
        authentication: keyEnv ? 'API_KEY' : 'NONE',
        ...(keyEnv ? { api_key_env: keyEnv } : {}),
        formats: [{ format: effectiveFormat, base_url: url, default: true }],
        models_api: {
          enabled: true,
          update_frequency: 'manual',
          endpoints: [modelsEndpointFor(modelsUrl, effectiveTransformer, trusted ?? {})],
        },
      };
      const result = await probeProvider(provider, { env: ctx.io.env, timeoutMs, retries: 0, missingKey: 'probe-without' });
      const ok = result.status === 'up';
      const keyState = result.keyEnv ? `${result.keyEnv} (${result.key === 'found' ? 'set' : 'not set: tested without a key'})` : 'none';

      if (ctx.json) {
        ctx.printJson({
          url,
          detected: detected ? { type: detected.type, name: detected.name, provider_id: detected.providerId ?? null } : null,
          catalog_provider: known?.id ?? null,
          format: effectiveFormat,
          models_url: modelsUrl,
          transformer: effectiveTransformer,
          key_env: result.keyEnv ?? null,
          key: result.key === 'found' ? 'set' : result.keyEnv ? 'missing' : 'not-needed',
          ok,
          ...(result.httpStatus !== undefined ? { http_status: result.httpStatus } : {}),
          latency_ms: result.latencyMs,
          ...(ok ? { models: result.models, sample: result.sample } : { error: result.error, diagnosis: result.diagnosis }),
        });
      } else {
        const rows: [string, string][] = [
          ['url', url],
          ['detected', detected ? `${detected.name} (${detected.type})` : `not recognized${format ? '' : '; treated as OpenAI-compatible'}`],
          ...(known ? [['catalog provider', known.id] as [string, string]] : []),
          ['models url', `${modelsUrl} (${effectiveTransformer} transformer)`],
          ['key', keyState],
          [
            'status',
            ok
              ? `ok: ${result.httpStatus !== undefined ? `HTTP ${result.httpStatus} ` : ''}with a models list in ${result.latencyMs} ms`
              : `failed${result.httpStatus !== undefined ? `: HTTP ${result.httpStatus}` : ''} after ${result.latencyMs} ms (${result.error})`,
          ],
          ...(ok ? [['models', `${result.models}${result.sample?.length ? `: ${result.sample.join(', ')}${(result.models ?? 0) > result.sample.length ? ', ...' : ''}` : ''}`] as [string, string]] : []),
        ];
        ctx.io.stdout(renderPairs(rows));
      }
      if (!ok) throw new CliError(result.diagnosis ?? result.error ?? 'the connection failed', EXIT.partial);
    });
}
