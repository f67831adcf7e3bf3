import { type ApiFormat, ProviderIdSchema, type Provider, ProviderSchema, type TransformerName } from '@llm-catalog/catalog';
import { transformerOfFormat } from '@llm-catalog/transformers';
import { checkBaseUrl, defaultModelsUrl, detectProviderFromUrl, type DetectedProvider, modelsEndpointFor } from './detect-provider.ts';

/** What a person says about a provider to add: a name and a base URL, the rest detected when left out. */
export interface ProviderDraftRequest {
  name: string;
  baseUrl: string;
  id?: string;
  format?: ApiFormat;
  /** The variable that holds its key. */
  keyEnv?: string;
  /** False for a server that takes no key. Default true. */
  key?: boolean;
  transformer?: TransformerName;
  modelsUrl?: string;
}

export interface ProviderDraft {
  provider: Provider;
  /** What was detected or assumed, for the person to read. */
  notes: string[];
  detected?: DetectedProvider;
}

/** A draft that cannot be made; `field` names the input at fault. */
export class ProviderDraftError extends Error {
  constructor(
    readonly field: keyof ProviderDraftRequest,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderDraftError';
  }
}

export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function checkedUrl(raw: string, field: 'baseUrl' | 'modelsUrl'): string {
  const checked = checkBaseUrl(raw);
  if ('error' in checked) throw new ProviderDraftError(field, `"${raw}" ${checked.error}`);
  return checked.url;
}

/**
 * The providers.json entry for a new provider, from what the person gave and what the URL reveals
 * (a known host or a local server's port): format, transformer, models endpoint and whether it takes
 * a key. Used by `catalog providers add` and by the web UI's add form, so both write the same entry.
 */
export function draftProvider(request: ProviderDraftRequest): ProviderDraft {
  const baseUrl = checkedUrl(request.baseUrl, 'baseUrl');
  const id = request.id ?? slugOf(request.name);
  if (!ProviderIdSchema.safeParse(id).success) {
    throw new ProviderDraftError('id', `provider id "${id}" is not a lowercase slug (a-z, 0-9, "-")`);
  }
  const takesKey = request.key ?? true;
  if (request.keyEnv !== undefined && !takesKey) throw new ProviderDraftError('keyEnv', 'a key variable was given for a provider that takes no key');
  const explicitModelsUrl = request.modelsUrl === undefined ? undefined : checkedUrl(request.modelsUrl, 'modelsUrl');

  const notes: string[] = [];
  const detected = detectProviderFromUrl(baseUrl);
  // The detection speaks for the URL only when the person did not name a different format.
  const trusted = detected && (!request.format || request.format === detected.format) ? detected : undefined;
  if (detected) notes.push(`detected ${detected.name} from the URL`);
  const format = request.format ?? detected?.format ?? 'OPENAI';
  if (!request.format && !detected) notes.push('format not given and not recognized from the URL: assumed OpenAI-compatible');
  const transformer = request.transformer ?? trusted?.transformer ?? transformerOfFormat(format);
  const modelsUrl = explicitModelsUrl ?? trusted?.modelsUrl ?? (format === 'CUSTOM' ? undefined : defaultModelsUrl(baseUrl, format));
  if (!modelsUrl || !transformer) notes.push('no models endpoint: give a models URL and a transformer to let `sync` list its models');
  const keyless = !takesKey || (request.keyEnv === undefined && detected?.local === true);
  const provider: Provider = {
    id,
    name: request.name,
    authentication: keyless ? 'NONE' : 'API_KEY',
    ...(request.keyEnv ? { api_key_env: request.keyEnv } : {}),
    formats: [{ format, base_url: baseUrl, default: true }],
    ...(detected?.local ? { metadata: { tags: ['self-hosted' as const] } } : {}),
    ...(modelsUrl && transformer
      ? {
          models_api: {
            enabled: true,
            update_frequency: 'daily' as const,
            endpoints: [modelsEndpointFor(modelsUrl, transformer, trusted ?? {})],
          },
        }
      : {}),
  };
  const parsed = ProviderSchema.safeParse(provider);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderDraftError('name', `the new provider is invalid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'schema error'}`);
  }
  return { provider: parsed.data, notes, ...(detected ? { detected } : {}) };
}
