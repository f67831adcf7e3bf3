import type { SourceName } from './types.ts';

/**
 * The one table from a source's provider ids to the catalog's. An id not in it maps to itself when
 * it is already a catalog provider id (`openai`, `groq`). `null` marks a source provider whose
 * offerings no reference list can state (a local server, a flat-fee plan, a chat subscription, a
 * retired API): its entries are skipped with a warning. Checked against every provider id in models.dev and every
 * `litellm_provider` in LiteLLM.
 */
const PROVIDER_IDS: Readonly<Record<SourceName, Readonly<Record<string, string | null>>>> = {
  'models.dev': {
    // A provider's international and China endpoints are one catalog provider (as URL detection has
    // them); the first one listed speaks for a model both list.
    alibaba: 'dashscope',
    'alibaba-cn': 'dashscope',
    'moonshotai-cn': 'moonshot',
    'siliconflow-cn': 'siliconflow',
    // A flat-fee plan on Fireworks' own API: its per-token prices are 0 and would shadow Fireworks' list.
    firepass: null,
    'amazon-bedrock': 'bedrock',
    azure: 'azure-openai',
    'cloudflare-workers-ai': 'cloudflare',
    'fireworks-ai': 'fireworks',
    google: 'gemini',
    'google-vertex': 'vertex-ai',
    'google-vertex-anthropic': 'vertex-ai',
    moonshotai: 'moonshot',
    'novita-ai': 'novita',
    togetherai: 'together',
    zhipuai: 'zhipu',
    // A local server serves what its user installed, not a list a reference catalog can know.
    lmstudio: null,
  },
  litellm: {
    amazon_nova: 'nova',
    azure: 'azure-openai',
    azure_text: 'azure-openai',
    bedrock_converse: 'bedrock',
    bedrock_mantle: 'bedrock',
    codestral: 'mistral',
    cohere_chat: 'cohere',
    featherless_ai: 'featherless',
    fireworks_ai: 'fireworks',
    'fireworks_ai-embedding-models': 'fireworks',
    friendliai: 'friendli',
    github_copilot: 'github-copilot',
    gmi: 'gmicloud',
    jina_ai: 'jina',
    meta_llama: 'llama',
    nvidia_nim: 'nvidia',
    snowflake: 'snowflake-cortex',
    'text-completion-codestral': 'mistral',
    'text-completion-inception': 'inception',
    'text-completion-openai': 'openai',
    together_ai: 'together',
    vercel_ai_gateway: 'vercel',
    // LiteLLM spells Vertex AI per model family: vertex_ai-language-models, vertex_ai-anthropic_models, ...
    vertex_ai: 'vertex-ai',
    // The ChatGPT app's subscription, not an API with a price list of its own.
    chatgpt: null,
    // Shut down by their operators.
    anyscale: null,
    palm: null,
    // Local servers: they serve what their user installed.
    ollama: null,
    lemonade: null,
  },
};

/** Why the entries of a source provider the table maps to `null` are skipped. */
export const NOT_LISTED = 'a local server, a flat-fee plan, a chat subscription or a retired API: no price list the catalog keeps';

/** LiteLLM names Vertex AI's model families `vertex_ai-<family>`; they are all one provider. */
const FAMILY_SUFFIX = /^(vertex_ai)-.+$/;

/** A catalog-style id for a source provider id (`wafer.ai` -> `wafer-ai`). */
export function providerSlug(sourceProviderId: string): string {
  return sourceProviderId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The catalog provider id for a source's provider id: from the table, else the slug of the source's
 * own id. `null` when the table says the source provider is not one the catalog lists.
 */
export function catalogProviderId(source: SourceName, sourceProviderId: string): string | null {
  const table = PROVIDER_IDS[source];
  const family = FAMILY_SUFFIX.exec(sourceProviderId)?.[1];
  for (const key of [sourceProviderId, family]) {
    if (key !== undefined && Object.hasOwn(table, key)) return table[key] ?? null;
  }
  return providerSlug(sourceProviderId);
}
