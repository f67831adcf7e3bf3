/**
 * `owned_by` is the organization that made a model. Sources name it in different spellings
 * ("Meta", "meta-llama"), and many fill the field with something that names no maker at all
 * ("system", "library", a fine-tuning user's org id). This module turns a name into one lowercase
 * slug per organization, or into nothing.
 */

/** Spellings of one organization that different sources use, mapped to one slug. */
const SAME_ORGANIZATION: Record<string, string> = {
  'meta-llama': 'meta',
  mistralai: 'mistral',
  'mistral-ai': 'mistral',
  'x-ai': 'xai',
  'deepseek-ai': 'deepseek',
  'openai-internal': 'openai',
  togethercomputer: 'together',
  'together-ai': 'together',
  'alibaba-cloud': 'alibaba',
};

/**
 * Owner values that name no maker: OpenAI's "system", Ollama's "library", servers that put their
 * own software's name there (vLLM, LM Studio), and aggregators naming themselves as the owner of
 * what they route.
 */
const NOT_A_MAKER = new Set([
  'system',
  'library',
  'user',
  'users',
  'owner',
  'organization-owner',
  'unknown',
  'none',
  'null',
  'default',
  'custom',
  'local',
  'vllm',
  'lmstudio',
  'lm-studio',
  'openrouter',
  'aihubmix',
  // Path segments that hosts put in front of model ids to group their own offerings, not makers:
  // routing presets, trusted-execution or text-to-speech lines, a `models/` folder.
  'route',
  'routers',
  'preset',
  'public',
  'stealth',
  'models',
  'tee',
  'tts',
]);
/** Org and user ids of fine-tunes (`user-abc123`, `org-abc123`): an account, not a maker. */
const ACCOUNT_ID = /^(user|org|organization)-/;

/**
 * Platforms that host other makers' models and sometimes name themselves as their owner (Together
 * lists Cartesia's voice models as "Together"). Such an owner is believed only when the id carries
 * no vendor of its own.
 */
export const HOSTING_PLATFORMS = new Set([
  'together',
  'groq',
  'fireworks',
  'deepinfra',
  'novita',
  'siliconflow',
  'cerebras',
  'hyperbolic',
  'nebius',
]);

/** "Canopy Labs" -> "canopy-labs", "meta-llama" -> "meta"; undefined for a placeholder. */
export function vendorSlug(name: string | null | undefined): string | undefined {
  const slug = name
    ?.trim()
    .toLowerCase()
    .replace(/^[~@]+/, '')
    // A hub scheme in front of a Hugging Face org (`hf:moonshotai`) is not part of its name.
    .replace(/^[a-z]+:(?=[a-z0-9])/, '')
    .replace(/[\s_]+/g, '-');
  if (!slug || NOT_A_MAKER.has(slug) || ACCOUNT_ID.test(slug)) return undefined;
  return SAME_ORGANIZATION[slug] ?? slug;
}

/**
 * The maker of a model whose entry has an owner field and whose id may carry a vendor prefix:
 * the owner field when it names a maker, else the id's vendor.
 */
export function ownerOf(ownerField: string | null | undefined, idVendor: string | undefined): string | undefined {
  const owner = vendorSlug(ownerField);
  const prefix = vendorSlug(idVendor);
  if (owner && !(HOSTING_PLATFORMS.has(owner) && prefix && prefix !== owner)) return owner;
  return prefix;
}

const letters = (s: string) => s.replace(/[^a-z0-9]/g, '');

/**
 * The maker named by the vendor prefix of a host's model id, unless the prefix names the host itself
 * (`nanogpt/...` at nano-gpt, `chutesai/...` at chutes): a host listing its own routes is no maker.
 */
export function makerFromIdVendor(idVendor: string | undefined, hostIds: readonly string[]): string | undefined {
  const maker = vendorSlug(idVendor);
  if (maker === undefined) return undefined;
  const m = letters(maker);
  return hostIds.some((host) => m.startsWith(letters(host)) || letters(host).startsWith(m)) ? undefined : maker;
}
