import { type ApiFormat, type Provider, ProviderSchema, UrlSchema } from '@llm-catalog/catalog';

/** What the catalog needs to know about an API host to list it as a provider. */
export interface HostFacts {
  id: string;
  name: string;
  base_url: string;
  format: ApiFormat;
  api_key_env: string;
  documentation?: string;
}

/**
 * Hosts that both models.dev and LiteLLM list and the seed catalog lacks. LiteLLM's body names no
 * base URL, so its offerings of these hosts need the facts from here (taken from models.dev's
 * entries); models.dev's parser uses the same facts, so whichever source is imported first writes
 * the same provider entry. A key variable another provider already reads (GITHUB_TOKEN, GitHub
 * Models') is replaced by the host's own `<ID>_API_KEY`.
 */
export const SHARED_HOSTS: Readonly<Record<string, HostFacts>> = Object.fromEntries(
  (
    [
      ['baseten', 'Baseten', 'https://inference.baseten.co/v1', 'BASETEN_API_KEY', 'https://docs.baseten.co/inference/model-apis/overview'],
      ['databricks', 'Databricks', 'https://{databricks_host}/ai-gateway/mlflow/v1', 'DATABRICKS_TOKEN', 'https://docs.databricks.com/aws/en/machine-learning/foundation-models/'],
      ['github-copilot', 'GitHub Copilot', 'https://api.githubcopilot.com', 'GITHUB_COPILOT_API_KEY', 'https://docs.github.com/en/copilot'],
      ['gmicloud', 'GMI Cloud', 'https://api.gmi-serving.com/v1', 'GMICLOUD_API_KEY', 'https://docs.gmicloud.ai/inference-engine/api-reference/llm-api-reference'],
      ['inception', 'Inception', 'https://api.inceptionlabs.ai/v1', 'INCEPTION_API_KEY', 'https://platform.inceptionlabs.ai/docs'],
      ['llama', 'Llama', 'https://api.llama.com/compat/v1', 'LLAMA_API_KEY', 'https://llama.developer.meta.com/docs/models'],
      ['morph', 'Morph', 'https://api.morphllm.com/v1', 'MORPH_API_KEY', 'https://docs.morphllm.com/api-reference/introduction'],
      ['nova', 'Nova', 'https://api.nova.amazon.com/v1', 'NOVA_API_KEY', 'https://nova.amazon.com/dev/documentation'],
      ['ovhcloud', 'OVHcloud AI Endpoints', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', 'OVHCLOUD_API_KEY', 'https://www.ovhcloud.com/en/public-cloud/ai-endpoints/catalog/'],
      ['sarvam', 'Sarvam AI', 'https://api.sarvam.ai/v1', 'SARVAM_API_KEY', 'https://docs.sarvam.ai/api-reference-docs/getting-started/models'],
      ['snowflake-cortex', 'Snowflake Cortex', 'https://{snowflake_account}.snowflakecomputing.com/api/v2/cortex/v1', 'SNOWFLAKE_CORTEX_PAT', 'https://docs.snowflake.com/en/user-guide/snowflake-cortex/cortex-rest-api'],
      ['wandb', 'Weights & Biases', 'https://api.inference.wandb.ai/v1', 'WANDB_API_KEY', 'https://docs.wandb.ai/guides/integrations/inference/'],
    ] as const
  ).map(([id, name, base_url, api_key_env, documentation]) => [
    id,
    { id, name, base_url, format: 'OPENAI', api_key_env, documentation } satisfies HostFacts,
  ]),
);

/**
 * A catalog provider entry for a host a source lists. Its list endpoint is the OpenAI-style
 * `<base>/models` that such hosts serve, switched off (`enabled: false`, synced by hand) because no
 * one has checked it: the nightly sync never calls a URL nobody verified. Undefined when the facts do
 * not make a valid entry.
 */
export function providerEntry(host: HostFacts): Provider | undefined {
  const entry: Provider = {
    id: host.id,
    name: host.name,
    ...(host.documentation && UrlSchema.safeParse(host.documentation).success ? { documentation: host.documentation } : {}),
    authentication: 'API_KEY',
    api_key_env: host.api_key_env,
    formats: [{ format: host.format, base_url: host.base_url, default: true }],
    models_api: {
      endpoints: [
        {
          url: `${host.base_url}/models`,
          endpoint_type: host.format === 'ANTHROPIC' ? 'MESSAGES' : 'CHAT_COMPLETIONS',
          format: host.format,
        },
      ],
      enabled: false,
      update_frequency: 'manual',
    },
  };
  return ProviderSchema.safeParse(entry).success ? entry : undefined;
}
