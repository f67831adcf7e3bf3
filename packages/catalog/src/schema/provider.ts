import { z } from 'zod';
import { ProviderIdSchema, UrlSchema, uniqueList } from './common.ts';
import { TRANSFORMER_NAMES } from './transformer-names.ts';

/** An enum whose error message lists the values it accepts. */
export const namedEnum = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { message: `unknown ${what} (${values.join(', ')})` });

export const ApiFormatSchema = namedEnum('format', ['OPENAI', 'ANTHROPIC', 'GEMINI', 'OLLAMA', 'CUSTOM']);

export const AuthenticationSchema = namedEnum('authentication', ['API_KEY', 'OAUTH', 'CLOUD_CREDENTIALS', 'NONE']);

export const EndpointSchema = z.enum(
  [
    'CHAT_COMPLETIONS',
    'MESSAGES',
    'RESPONSES',
    'GENERATE_CONTENT',
    'COMPLETIONS',
    'EMBEDDINGS',
    'RERANK',
    'IMAGE_GENERATION',
    'AUDIO_TRANSCRIPTION',
    'AUDIO_SPEECH',
    'MODERATIONS',
  ],
  { message: 'unknown endpoint type' },
);

export const TransformerNameSchema = namedEnum('transformer', TRANSFORMER_NAMES);

export const ProviderTagSchema = namedEnum('tag', ['official', 'aggregator', 'cloud', 'self-hosted', 'local']);

export const ApiFormatEntrySchema = z.strictObject({
  format: ApiFormatSchema,
  base_url: UrlSchema,
  default: z.boolean(),
});

/** How to send the key when it is not `Authorization: Bearer <key>`. */
export const EndpointAuthSchema = z.strictObject({
  header_name: z.string().min(1).optional(),
  prefix: z.string().optional(),
  /** Send the key as this query parameter instead of a header (Gemini's `?key=`). */
  query_param: z.string().min(1).optional(),
});

export const ModelsApiEndpointSchema = z.strictObject({
  url: UrlSchema,
  endpoint_type: EndpointSchema,
  format: ApiFormatSchema,
  transformer: TransformerNameSchema.optional(),
  auth: EndpointAuthSchema.optional(),
  /** Extra request headers that are not secrets (e.g. `anthropic-version`). */
  headers: z.record(z.string(), z.string()).optional(),
  /**
   * The list answers without a key (OpenRouter's does): a sync then runs even when the provider's key
   * is not set, and sends the key when it is.
   */
  public: z.boolean().optional(),
});

export const UpdateFrequencySchema = z.enum(['realtime', 'daily', 'weekly', 'manual'], {
  message: 'unknown update_frequency (realtime, daily, weekly, manual)',
});

export const ModelsApiSchema = z.strictObject({
  endpoints: z.array(ModelsApiEndpointSchema).min(1, 'models_api needs at least one endpoint'),
  enabled: z.boolean(),
  update_frequency: UpdateFrequencySchema,
  last_synced: z.iso.datetime({ message: 'last_synced must be an ISO 8601 date-time' }).optional(),
});

export const ApiCompatibilitySchema = z.strictObject({
  supports_stream_options: z.boolean().optional(),
  supports_developer_role: z.boolean().optional(),
  supports_service_tier: z.boolean().optional(),
  supports_parallel_tool_calls: z.boolean().optional(),
  supports_json_schema: z.boolean().optional(),
  supports_array_content: z.boolean().optional(),
});

export const ProviderMetadataSchema = z.looseObject({
  tags: uniqueList(ProviderTagSchema).optional(),
});

export const ProviderSchema = z
  .strictObject({
    id: ProviderIdSchema,
    name: z.string().min(1, 'name must not be empty'),
    description: z.string().min(1).optional(),
    website: UrlSchema.optional(),
    documentation: UrlSchema.optional(),
    authentication: AuthenticationSchema,
    api_key_env: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'api_key_env must be an UPPER_SNAKE_CASE variable name')
      .optional(),
    formats: z.array(ApiFormatEntrySchema).min(1, 'a provider needs at least one format'),
    supported_endpoints: uniqueList(EndpointSchema).optional(),
    api_compatibility: ApiCompatibilitySchema.optional(),
    deprecated: z.boolean().optional(),
    metadata: ProviderMetadataSchema.optional(),
    models_api: ModelsApiSchema.optional(),
  })
  .refine((p) => p.formats.filter((f) => f.default).length === 1, {
    message: 'exactly one format must have default: true',
    path: ['formats'],
  })
  .refine((p) => p.api_key_env !== undefined || p.authentication !== 'API_KEY' || !/^[0-9]/.test(p.id), {
    message: 'a provider id that starts with a digit needs api_key_env: <ID>_API_KEY would not be a valid variable name',
    path: ['api_key_env'],
  });

export type ApiFormat = z.infer<typeof ApiFormatSchema>;
export type Authentication = z.infer<typeof AuthenticationSchema>;
export type TransformerName = z.infer<typeof TransformerNameSchema>;
export type ModelsApiEndpoint = z.infer<typeof ModelsApiEndpointSchema>;
export type ModelsApi = z.infer<typeof ModelsApiSchema>;
export type Provider = z.infer<typeof ProviderSchema>;

/** `<ID>_API_KEY`: the variable a provider that takes a key reads when it names none. */
export function defaultKeyEnvFor(providerId: string): string {
  return `${providerId.toUpperCase().replace(/-/g, '_')}_API_KEY`;
}

/**
 * The environment variable a provider's key is read from, or undefined when it takes none: a
 * keyless server (`NONE`), or cloud credentials with no key variable of their own (Vertex AI).
 * The `<ID>_API_KEY` default applies only to providers that authenticate with a key.
 */
export function keyEnvOf(provider: Pick<Provider, 'id' | 'api_key_env' | 'authentication'>): string | undefined {
  if (provider.authentication === 'API_KEY') return provider.api_key_env ?? defaultKeyEnvFor(provider.id);
  return provider.authentication === 'NONE' ? undefined : provider.api_key_env;
}
