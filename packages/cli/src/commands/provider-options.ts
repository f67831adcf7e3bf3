import { type ApiFormat, ApiFormatSchema, type TransformerName, TransformerNameSchema } from '@llm-catalog/catalog';
import { checkBaseUrl, draftProvider, ProviderDraftError } from '@llm-catalog/sync';
import { CliError } from '../errors.ts';

/** Parsers for the provider flags shared by `providers add` and `test`; each throws a one-line CliError. */

export function parseFormat(raw: string): ApiFormat {
  const parsed = ApiFormatSchema.safeParse(raw.toUpperCase());
  if (!parsed.success) throw new CliError(`unknown format "${raw}" (${ApiFormatSchema.options.join(', ')})`);
  return parsed.data;
}

export function parseTransformer(raw: string): TransformerName {
  const parsed = TransformerNameSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) throw new CliError(`unknown transformer "${raw}" (${TransformerNameSchema.options.join(', ')})`);
  return parsed.data;
}

export function parseKeyEnv(raw: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(raw)) {
    throw new CliError(`--key-env "${raw}" must be an UPPER_SNAKE_CASE variable name (the variable, never the key)`);
  }
  return raw;
}

export function parseUrl(raw: string, flag: string): string {
  const checked = checkBaseUrl(raw);
  if ('error' in checked) throw new CliError(`${flag} "${raw}" ${checked.error}`);
  return checked.url;
}

/** Ten minutes: longer than any list takes, and far below the 2^31 ms where Node's timers fire at once. */
export const MAX_TIMEOUT_MS = 600_000;

export function parseTimeout(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TIMEOUT_MS) {
    throw new CliError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${raw}"`);
  }
  return n;
}

export interface AddOptions {
  name: string;
  baseUrl: string;
  id?: string;
  format?: string;
  keyEnv?: string;
  key: boolean;
  transformer?: string;
  modelsUrl?: string;
}

/** The provider entry `providers add` writes, from its flags and what the URL reveals. Throws CliError on bad input. */
export function providerFromOptions(opts: AddOptions) {
  const baseUrl = parseUrl(opts.baseUrl, '--base-url');
  const format = opts.format ? parseFormat(opts.format) : undefined;
  const transformer = opts.transformer ? parseTransformer(opts.transformer) : undefined;
  if (opts.keyEnv !== undefined) parseKeyEnv(opts.keyEnv);
  if (opts.keyEnv !== undefined && !opts.key) throw new CliError('--key-env and --no-key contradict each other');
  const modelsUrl = opts.modelsUrl === undefined ? undefined : parseUrl(opts.modelsUrl, '--models-url');
  const flagOf: Record<string, string> = { id: '--id', name: '--name', baseUrl: '--base-url', modelsUrl: '--models-url', keyEnv: '--key-env' };
  try {
    return draftProvider({
      name: opts.name,
      baseUrl,
      key: opts.key,
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      ...(format ? { format } : {}),
      ...(opts.keyEnv !== undefined ? { keyEnv: opts.keyEnv } : {}),
      ...(transformer ? { transformer } : {}),
      ...(modelsUrl ? { modelsUrl } : {}),
    });
  } catch (err) {
    if (err instanceof ProviderDraftError) throw new CliError(`${flagOf[err.field] ?? err.field}: ${err.message}`);
    throw err;
  }
}
