import type { ApiFormat, ModelsApiEndpoint, Provider, TransformerName } from '@llm-catalog/catalog';
import { formatOfTransformer } from '@llm-catalog/transformers';

type EndpointAuth = NonNullable<ModelsApiEndpoint['auth']>;

/** What a base URL points at, as far as its host, port and path tell. */
export interface DetectedProvider {
  /** The kind of service: a hosted API (`groq`) or a local server (`ollama`, `lmstudio`, `vllm`, `llamacpp`). */
  type: string;
  /** A label for people: "Groq", "Ollama". */
  name: string;
  /** The API format spoken at the base URL. */
  format: ApiFormat;
  /** The transformer for the answer of `modelsUrl`. */
  transformer: TransformerName;
  /** Where the service lists its models. */
  modelsUrl: string;
  /** The catalog's provider id for a hosted API with one well-known address; absent for servers anyone can run. */
  providerId?: string;
  /** A server on the user's own machine or network, which takes no key. */
  local?: true;
  /** How the key is sent when it is not `Authorization: Bearer`. */
  auth?: EndpointAuth;
  /** Request headers the models endpoint needs besides the key. */
  headers?: Record<string, string>;
  /** The models endpoint answers without a key. */
  public?: true;
}

interface HostedRule {
  hosts: readonly string[];
  id: string;
  name: string;
  modelsPath: string;
  /** The transformer of its list, and with it the API format; `openai` unless said. */
  transformer?: TransformerName;
  auth?: EndpointAuth;
  headers?: Record<string, string>;
  public?: true;
}

/** Hosted APIs, recognized by host name. */
const HOSTED: readonly HostedRule[] = [
  { hosts: ['api.openai.com'], id: 'openai', name: 'OpenAI', modelsPath: '/v1/models' },
  {
    hosts: ['api.anthropic.com'],
    id: 'anthropic',
    name: 'Anthropic',
    modelsPath: '/v1/models',
    transformer: 'anthropic',
    auth: { header_name: 'x-api-key', prefix: '' },
    headers: { 'anthropic-version': '2023-06-01' },
  },
  {
    hosts: ['generativelanguage.googleapis.com'],
    id: 'gemini',
    name: 'Google Gemini',
    modelsPath: '/v1beta/models',
    transformer: 'gemini',
    auth: { header_name: 'x-goog-api-key', prefix: '' },
  },
  { hosts: ['openrouter.ai'], id: 'openrouter', name: 'OpenRouter', modelsPath: '/api/v1/models', transformer: 'openrouter', public: true },
  { hosts: ['aihubmix.com', 'api.aihubmix.com'], id: 'aihubmix', name: 'AIHubMix', modelsPath: '/api/v1/models', transformer: 'aihubmix' },
  { hosts: ['api.groq.com'], id: 'groq', name: 'Groq', modelsPath: '/openai/v1/models' },
  { hosts: ['api.deepseek.com'], id: 'deepseek', name: 'DeepSeek', modelsPath: '/models' },
  { hosts: ['api.x.ai'], id: 'xai', name: 'xAI', modelsPath: '/v1/models' },
  { hosts: ['api.fireworks.ai'], id: 'fireworks', name: 'Fireworks AI', modelsPath: '/inference/v1/models' },
  { hosts: ['api.mistral.ai'], id: 'mistral', name: 'Mistral AI', modelsPath: '/v1/models' },
  { hosts: ['api.together.xyz', 'api.together.ai'], id: 'together', name: 'Together AI', modelsPath: '/v1/models' },
  { hosts: ['api.cerebras.ai'], id: 'cerebras', name: 'Cerebras', modelsPath: '/v1/models' },
  { hosts: ['api.deepinfra.com'], id: 'deepinfra', name: 'DeepInfra', modelsPath: '/v1/openai/models' },
  { hosts: ['api.hyperbolic.xyz'], id: 'hyperbolic', name: 'Hyperbolic', modelsPath: '/v1/models' },
  { hosts: ['api.novita.ai'], id: 'novita', name: 'Novita AI', modelsPath: '/v3/openai/models' },
  { hosts: ['api.siliconflow.cn', 'api.siliconflow.com'], id: 'siliconflow', name: 'SiliconFlow', modelsPath: '/v1/models' },
  { hosts: ['api.moonshot.ai', 'api.moonshot.cn'], id: 'moonshot', name: 'Moonshot AI', modelsPath: '/v1/models' },
  {
    hosts: ['dashscope.aliyuncs.com', 'dashscope-intl.aliyuncs.com'],
    id: 'dashscope',
    name: 'Alibaba Cloud DashScope',
    modelsPath: '/compatible-mode/v1/models',
  },
  { hosts: ['api.sambanova.ai'], id: 'sambanova', name: 'SambaNova', modelsPath: '/v1/models' },
  { hosts: ['integrate.api.nvidia.com'], id: 'nvidia', name: 'NVIDIA NIM', modelsPath: '/v1/models' },
  { hosts: ['router.huggingface.co'], id: 'huggingface', name: 'Hugging Face', modelsPath: '/v1/models' },
  { hosts: ['api.studio.nebius.com'], id: 'nebius', name: 'Nebius AI Studio', modelsPath: '/v1/models' },
  { hosts: ['llm.chutes.ai'], id: 'chutes', name: 'Chutes', modelsPath: '/v1/models' },
  { hosts: ['api.featherless.ai'], id: 'featherless', name: 'Featherless AI', modelsPath: '/v1/models' },
  { hosts: ['router.requesty.ai'], id: 'requesty', name: 'Requesty', modelsPath: '/v1/models' },
  { hosts: ['api.poe.com'], id: 'poe', name: 'Poe', modelsPath: '/v1/models' },
  { hosts: ['ai-gateway.vercel.sh'], id: 'vercel', name: 'Vercel AI Gateway', modelsPath: '/v1/models' },
  { hosts: ['api.scaleway.ai'], id: 'scaleway', name: 'Scaleway', modelsPath: '/v1/models' },
  { hosts: ['api.stepfun.com'], id: 'stepfun', name: 'StepFun', modelsPath: '/v1/models' },
  { hosts: ['api.lingyiwanwu.com'], id: 'lingyiwanwu', name: '01.AI', modelsPath: '/v1/models' },
];

const startsWithV1 = (path: string) => path === '/v1' || path.startsWith('/v1/');

/** Servers people run themselves, recognized by their default port (and, where the port is generic, the path). */
function detectLocalServer(url: URL): DetectedProvider | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  const local = { local: true as const };
  switch (url.port) {
    case '11434':
      // Ollama lists models richest on its native /api/tags, whichever API the base URL speaks.
      return {
        type: 'ollama',
        name: 'Ollama',
        format: startsWithV1(path) ? 'OPENAI' : 'OLLAMA',
        transformer: 'ollama',
        modelsUrl: `${url.origin}/api/tags`,
        ...local,
      };
    case '1234':
      return { type: 'lmstudio', name: 'LM Studio', format: 'OPENAI', transformer: 'openai', modelsUrl: `${url.origin}/v1/models`, ...local };
    case '8000':
      return startsWithV1(path)
        ? { type: 'vllm', name: 'vLLM', format: 'OPENAI', transformer: 'openai', modelsUrl: `${url.origin}/v1/models`, ...local }
        : undefined;
    case '8080':
      return startsWithV1(path)
        ? { type: 'llamacpp', name: 'llama.cpp server', format: 'OPENAI', transformer: 'openai', modelsUrl: `${url.origin}/v1/models`, ...local }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * What kind of provider a base URL belongs to, from its host (hosted APIs) or its port (local
 * servers); undefined when nothing about the URL is recognized, or it is not an http(s) URL.
 */
export function detectProviderFromUrl(rawUrl: string): DetectedProvider | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  const rule = HOSTED.find((r) => r.hosts.includes(host));
  if (!rule) return detectLocalServer(url);
  return {
    type: rule.id,
    name: rule.name,
    format: formatOfTransformer(rule.transformer ?? 'openai'),
    transformer: rule.transformer ?? 'openai',
    modelsUrl: `${url.origin}${rule.modelsPath}`,
    providerId: rule.id,
    ...(rule.auth ? { auth: rule.auth } : {}),
    ...(rule.headers ? { headers: rule.headers } : {}),
    ...(rule.public ? { public: rule.public } : {}),
  };
}

const ENDPOINT_TYPE_OF_FORMAT: Record<ApiFormat, ModelsApiEndpoint['endpoint_type']> = {
  OPENAI: 'CHAT_COMPLETIONS',
  OLLAMA: 'CHAT_COMPLETIONS',
  CUSTOM: 'CHAT_COMPLETIONS',
  ANTHROPIC: 'MESSAGES',
  GEMINI: 'GENERATE_CONTENT',
};

/** The `models_api` endpoint entry for a models URL read with `transformer`. */
export function modelsEndpointFor(
  modelsUrl: string,
  transformer: TransformerName,
  extra: Pick<DetectedProvider, 'auth' | 'headers' | 'public'> = {},
): ModelsApiEndpoint {
  const format = formatOfTransformer(transformer);
  return {
    url: modelsUrl,
    endpoint_type: ENDPOINT_TYPE_OF_FORMAT[format],
    format,
    transformer,
    ...(extra.auth ? { auth: extra.auth } : {}),
    ...(extra.headers ? { headers: extra.headers } : {}),
    ...(extra.public ? { public: true } : {}),
  };
}

/**
 * Where a base URL of `format` lists its models when nothing else is known: `<base>/models` for
 * OpenAI-compatible APIs (a URL already ending in `/models` is taken as it is), `/api/tags` on an
 * Ollama server, `/v1/models` under an Anthropic-style base.
 */
export function defaultModelsUrl(baseUrl: string, format: ApiFormat = 'OPENAI'): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  if (/\/models$/.test(trimmed)) return trimmed;
  if (format === 'OLLAMA') return `${trimmed.replace(/\/v1$/, '')}/api/tags`;
  if (format === 'ANTHROPIC' && !/\/v1$/.test(trimmed)) return `${trimmed}/v1/models`;
  return `${trimmed}/models`;
}

/**
 * Checks a base URL given by a person or the environment before it can reach providers.json: it must be
 * http(s), and carry no credentials or query string, which would put a secret in a data file.
 */
export function checkBaseUrl(raw: string): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { error: 'is not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'must be an http(s) URL' };
  if (url.username || url.password) return { error: 'must not contain credentials; put the key in its own variable' };
  if (url.search) return { error: 'must not contain a query string (it would be written to providers.json)' };
  // An empty fragment (`...#`) leaves `url.hash` empty, but the `#` would still break every URL built on it.
  if (url.hash || raw.includes('#')) return { error: 'must not contain a fragment (#...; it would be written to providers.json)' };
  return { url: raw.trim().replace(/\/+$/, '') };
}

const parsedUrl = (raw: string): URL | undefined => {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
};

/**
 * The catalog provider `rawUrl` (a base URL or a models URL) belongs to: among providers with a base
 * URL of the same scheme, host and port, the one whose base path is the longest prefix of the URL's
 * path, so two providers on one host are told apart. When no base path is a prefix, the only provider
 * at that origin; undefined when there are several (guessing would pick the wrong key and transformer).
 */
export function findProviderByUrl(providers: readonly Provider[], rawUrl: string): Provider | undefined {
  const url = parsedUrl(rawUrl);
  if (!url) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const sameOrigin = new Set<Provider>();
  let best: { provider: Provider; length: number } | undefined;
  for (const provider of providers) {
    for (const format of provider.formats) {
      const base = parsedUrl(format.base_url);
      if (!base || base.origin !== url.origin) continue;
      sameOrigin.add(provider);
      const basePath = base.pathname.replace(/\/+$/, '');
      const isPrefix = path === basePath || path.startsWith(`${basePath}/`);
      if (isPrefix && basePath.length > (best?.length ?? -1)) best = { provider, length: basePath.length };
    }
  }
  if (best) return best.provider;
  return sameOrigin.size === 1 ? [...sameOrigin][0] : undefined;
}
