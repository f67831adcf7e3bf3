import { type ApiFormat, defaultKeyEnvFor, keyEnvOf, type Provider, type TransformerName } from '@llm-catalog/catalog';
import { transformerOfFormat } from '@llm-catalog/transformers';
import { defaultModelsUrl, type DetectedProvider, detectProviderFromUrl, findProviderByUrl, modelsEndpointFor } from './detect-provider.ts';

/** What a person gives `catalog test`: a URL, and optionally what detection would otherwise guess. */
export interface ConnectionTestRequest {
  url: string;
  format?: ApiFormat;
  transformer?: TransformerName;
  keyEnv?: string;
  modelsUrl?: string;
}

/** The throwaway provider a connection test probes, and what it was derived from. */
export interface ConnectionTestPlan {
  detected?: DetectedProvider;
  /** The catalog provider at this URL, whose key variable the test uses. */
  known?: Provider;
  format: ApiFormat;
  transformer: TransformerName;
  modelsUrl: string;
  provider: Provider;
}

/**
 * The provider entry to probe for a URL: given options first, then what the URL reveals (a known
 * host or a local server's port), then the catalog provider at that URL for the key variable.
 */
export function planConnectionTest(request: ConnectionTestRequest, providers: readonly Provider[]): ConnectionTestPlan {
  const { url } = request;
  const detected = detectProviderFromUrl(url);
  // The detection speaks for the URL only when the person did not name a different format.
  const trusted = detected && (!request.format || request.format === detected.format) ? detected : undefined;
  const known = findProviderByUrl(providers, url);
  const keyEnv =
    request.keyEnv ?? (known ? keyEnvOf(known) : detected?.providerId ? defaultKeyEnvFor(detected.providerId) : undefined);
  const format = request.format ?? detected?.format ?? 'OPENAI';
  const transformer = request.transformer ?? trusted?.transformer ?? transformerOfFormat(format) ?? 'openai';
  const modelsUrl = request.modelsUrl ?? trusted?.modelsUrl ?? defaultModelsUrl(url, format);
  const provider: Provider = {
    id: known?.id ?? detected?.providerId ?? detected?.type ?? 'custom',
    name: detected?.name ?? 'custom',
    authentication: keyEnv ? 'API_KEY' : 'NONE',
    ...(keyEnv ? { api_key_env: keyEnv } : {}),
    formats: [{ format, base_url: url, default: true }],
    models_api: { enabled: true, update_frequency: 'manual', endpoints: [modelsEndpointFor(modelsUrl, transformer, trusted ?? {})] },
  };
  return { ...(detected ? { detected } : {}), ...(known ? { known } : {}), format, transformer, modelsUrl, provider };
}
