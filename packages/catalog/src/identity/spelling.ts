import { MODEL_VARIANT_SUFFIXES } from '../ids.ts';

/**
 * Conservative spelling rules: what a provider's spelling of a model says once the provider's own
 * wrapping is taken off. A rule removes only what names where or how a model is served (an account
 * path, a vendor prefix, a regional profile, a platform version suffix, a quantization or serving
 * tier); it never touches a size, a version, a release date or a line name, so two different models
 * never read the same. What a rule cannot tell apart it leaves alone, and the index proposes a link
 * for a person instead.
 */
export interface SpellingReading {
  /** The spelling as a base id: lowercase, unwrapped, without variant marks, separators as spelled. */
  id: string;
  /** What every spelling of one model shares: `id` with one separator (`-`) between all its parts. */
  key: string;
  /** How this spelling serves the model, when it names a variant (`free`, `fp8`, `us`, `turbo`). */
  variant?: string;
  /** The rules that changed the spelling, in the order applied: the evidence for a link. */
  rules: string[];
}

/** OpenRouter-style routes after a colon; `:latest` is Ollama's default tag, not a variant. */
const ROUTE_SUFFIX = new RegExp(`:(${MODEL_VARIANT_SUFFIXES.join('|')})$`);

/** Bedrock's cross-region inference profiles, in front of the vendor (`us.anthropic.claude-...`). */
const BEDROCK_PROFILES = ['us', 'us-gov', 'eu', 'apac', 'global', 'au', 'jp', 'ca'];
/** Bedrock's vendor namespaces (`anthropic.claude-...`, `meta.llama3-...`). */
const BEDROCK_VENDORS = [
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'meta',
  'minimax',
  'mistral',
  'moonshot',
  'moonshotai',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
  'zai',
];
/** Bedrock vendors whose model names leave out the maker's name (`deepseek.r1` is DeepSeek-R1). */
const BEDROCK_NAME_PREFIX: Record<string, string> = { deepseek: 'deepseek-' };
const BEDROCK_PROFILE = new RegExp(`^(${BEDROCK_PROFILES.join('|')})\\.(?=(${BEDROCK_VENDORS.join('|')})\\.)`);
const BEDROCK_VENDOR = new RegExp(`^(${BEDROCK_VENDORS.join('|')})\\.(?=[a-z])`);
/** Bedrock's model version (`-v1:0`, `-1:0`): the platform's revision of its listing, not the model's. */
const BEDROCK_VERSION = /-v?\d+:\d+$/;

/**
 * A maker's name in front of its own model's name, joined by a dash (`meta-llama-3.1-8b-instruct`,
 * `openai-gpt-4o`): the maker, then a line that maker is known for.
 */
const MAKER_DASH_PREFIX =
  /^(?:meta|openai|anthropic|google|moonshot|moonshotai)-(?=(?:llama|gpt|chatgpt|o\d|claude|gemini|gemma|kimi)\b|(?:llama|gemma|kimi)\d)/;
/** Platforms that put their own name in front of every model they host (`databricks-claude-...`). */
const PLATFORM_DASH_PREFIX = /^databricks-/;

/** A path segment in front of the vendor that names a serving tier (`Pro/deepseek-ai/...`, `TEE/...`). */
const TIER_SEGMENTS = new Set(['pro', 'tee']);

/**
 * Suffixes that name a quantization or a serving tier at any provider. Longest first, so that
 * `-fp8-dynamic` is read before `-fp8`.
 */
const ANYWHERE_SUFFIXES = [
  'high-throughput',
  'fp8-dynamic',
  'nvfp4',
  'fp8',
  'fp4',
  'bf16',
  'int8',
  'int4',
  'awq',
  'tput',
  'tee',
];

/**
 * Suffixes that name a serving tier only at the hosts that use them so: `-turbo` is a faster
 * endpoint at Together, DeepInfra and Novita, but `gpt-4-turbo` is a model of its own; `-fast`
 * is Nebius' and Fireworks' fast tier, but `grok-4-fast` is another model.
 */
const HOST_SUFFIXES: Record<string, readonly string[]> = {
  together: ['turbo'],
  deepinfra: ['turbo'],
  novita: ['turbo'],
  nebius: ['fast'],
  fireworks: ['fast', 'turbo'],
  'cloudflare-workers-ai': ['fast'],
};

/** Fireworks writes versions with `p` for the dot (`llama-v3p1`, `kimi-k2p6`, `qwen2p5`). */
const FIREWORKS_ACCOUNT = /^accounts\/fireworks\//;

function stripSuffix(id: string, suffix: string): string | undefined {
  return id.endsWith(`-${suffix}`) && id.length > suffix.length + 1 ? id.slice(0, -suffix.length - 1) : undefined;
}

/** `claude-3.5-haiku`, `claude-3-5-haiku` and `llama3_1` all meet in one key. */
export function identityKey(id: string): string {
  return id
    .toLowerCase()
    .replace(/[._\s]+/g, '-')
    .replace(/([a-z])(?=\d)/g, '$1-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Families whose makers write the version against the name (`qwen3`, `qwen2.5`). */
const JOINED_FAMILIES = new Set(['qwen']);
/** Families whose makers write version parts with dashes (`claude-3-5-haiku`, `claude-sonnet-4-5`). */
const DASHED_FAMILIES = new Set(['claude']);
const NUMBER = /^\d+$/;

/**
 * The one id every spelling with this key gets when it creates a model, whichever provider or source
 * is merged first: the key's parts joined the way makers write them. A single letter or an expert
 * count (`8x`) stays against the number after it (`k2`, `r1`, `v3`, `a22b`, `8x7b`); two short
 * numbers in a row are a version (`3.3`, `2.5`), unless they follow another number or start with a
 * zero (a date: `2024-05-13`, `preview-05-20`) or the family writes versions with dashes (Claude).
 */
export function canonicalId(key: string): string {
  const parts = key.split('-');
  const family = parts[0] ?? '';
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1] as string;
    const part = parts[i] as string;
    const startsWithDigit = /^\d/.test(part);
    const joinToName =
      startsWithDigit &&
      /[a-z]$/.test(prev) &&
      (prev.length === 1 || (/^\d+x$/.test(prev) && /[a-z]$/.test(part)) || (i === 1 && JOINED_FAMILIES.has(prev)));
    const version =
      NUMBER.test(part) &&
      part.length <= 2 &&
      !/^0\d/.test(part) &&
      /\d$/.test(prev) &&
      !/^0\d/.test(prev) &&
      !NUMBER.test(parts[i - 2] ?? '') &&
      (NUMBER.test(prev) ? prev.length <= 2 : true) &&
      !DASHED_FAMILIES.has(family);
    out += joinToName ? part : version ? `.${part}` : `-${part}`;
  }
  return out;
}

/** Reads a provider's spelling of a model. `providerId` enables the host-specific rules. */
export function readSpelling(spelling: string, providerId?: string): SpellingReading {
  // Only a few hosts have rules of their own; every other provider reads a spelling the same way,
  // so their readings share one cache instead of one per provider.
  const host = providerId !== undefined && (providerId === 'fireworks' || Object.hasOwn(HOST_SUFFIXES, providerId)) ? providerId : '';
  let cache = readings.get(host);
  if (!cache) readings.set(host, (cache = new Map()));
  const cached = cache.get(spelling);
  if (cached) return cached;
  const reading = read(spelling, host === '' ? undefined : host);
  cache.set(spelling, reading);
  return reading;
}

// Readings are pure and the same spellings recur in every merge of a run, so each is read once.
const readings = new Map<string, Map<string, SpellingReading>>();

/** What the reading steps found so far: the rules that fired and the variants taken off, in order. */
interface Found {
  rules: string[];
  variants: string[];
}

/** A route (`:free`) or `:latest` tag, a platform version suffix, then the path: the last segment is the id. */
function readPath(spelling: string, found: Found): string {
  let s = spelling;
  const route = ROUTE_SUFFIX.exec(s);
  if (route) {
    s = s.slice(0, route.index);
    found.variants.push(route[1] as string);
    found.rules.push(`route :${route[1]}`);
  } else if (s.endsWith(':latest')) {
    s = s.slice(0, -':latest'.length);
    found.rules.push('tag :latest');
  }
  if (BEDROCK_VERSION.test(s)) {
    s = s.replace(BEDROCK_VERSION, '');
    found.rules.push('platform version suffix');
  }
  const segments = s.split('/').filter((seg) => seg !== '');
  const first = segments[0];
  if (segments.length > 1 && first !== undefined && TIER_SEGMENTS.has(first)) {
    found.variants.push(first);
    found.rules.push(`tier prefix ${first}/`);
  }
  if (segments.length > 1) found.rules.push('path prefix');
  return segments.at(-1) ?? '';
}

/** Bedrock's regional profile and vendor prefix, Vertex's `@date`, `@default` and `-maas`. */
function readCloudForms(spelling: string, found: Found): string {
  let id = spelling;
  const profile = BEDROCK_PROFILE.exec(id);
  if (profile) {
    id = id.slice(profile[0].length);
    found.variants.push(profile[1] as string);
    found.rules.push(`regional profile ${profile[1]}.`);
  }
  const vendor = BEDROCK_VENDOR.exec(id);
  if (vendor) {
    const name = id.slice(vendor[0].length);
    const prefix = BEDROCK_NAME_PREFIX[vendor[1] as string];
    id = prefix && !name.startsWith(prefix) ? `${prefix}${name}` : name;
    found.rules.push(`vendor prefix ${vendor[0]}`);
  }
  const dated = /@(\d{8}|\d{3})$/.exec(id);
  if (dated) {
    id = `${id.slice(0, dated.index)}-${dated[1]}`;
    found.rules.push('vertex @date');
  } else if (id.endsWith('@default')) {
    id = id.slice(0, -'@default'.length);
    found.rules.push('vertex @default');
  }
  const maas = stripSuffix(id, 'maas');
  if (maas) {
    id = maas;
    found.rules.push('vertex -maas');
  }
  return id;
}

/** Platform and maker prefixes, and Fireworks' `p` for `.` (`llama-v3p1` is `llama-3.1`). */
function readPrefixes(spelling: string, fireworks: boolean, found: Found): string {
  let id = spelling;
  if (PLATFORM_DASH_PREFIX.test(id)) {
    id = id.replace(PLATFORM_DASH_PREFIX, '');
    found.rules.push('platform prefix');
  }
  if (MAKER_DASH_PREFIX.test(id)) {
    id = id.replace(MAKER_DASH_PREFIX, '');
    found.rules.push('maker prefix');
  }
  if (fireworks) {
    const respelled = id.replace(/(\d)p(\d)/g, '$1.$2').replace(/^llama-v(\d)/, 'llama-$1');
    if (respelled !== id) {
      id = respelled;
      found.rules.push('fireworks p for .');
    }
  }
  return id;
}

/** Serving suffixes come off from the end, so `-fp8-fast` gives both; they are kept in spelling order. */
function readServingSuffixes(spelling: string, hostSuffixes: readonly string[], found: Found): string {
  let id = spelling;
  const suffixVariants: string[] = [];
  for (let more = true; more; ) {
    more = false;
    for (const suffix of [...hostSuffixes, ...ANYWHERE_SUFFIXES]) {
      const rest = stripSuffix(id, suffix);
      if (rest) {
        id = rest;
        suffixVariants.unshift(suffix);
        found.rules.push(`serving suffix -${suffix}`);
        more = true;
        break;
      }
    }
    const instructTurbo = stripSuffix(id, 'instruct-turbo');
    if (instructTurbo) {
      id = `${instructTurbo}-instruct`;
      suffixVariants.unshift('turbo');
      found.rules.push('serving suffix -turbo');
      more = true;
    }
  }
  found.variants.push(...suffixVariants);
  return id;
}

/** A Claude line name and its version, in either order (`claude-4.5-sonnet`, `claude-sonnet-4-5`). */
const CLAUDE_VERSION_FIRST = /^claude[-._](\d)(?:[-._](\d))?[-._](opus|sonnet|haiku)(?=$|[-._])/;
const CLAUDE_NAME_FIRST = /^claude[-._](opus|sonnet|haiku)[-._](\d)(?:[-._](\d))?(?=$|[-._])/;

/**
 * Anthropic's word order for a Claude model: the version before the line name up to Claude 3
 * (`claude-3-7-sonnet`), the line name first from Claude 4 on (`claude-sonnet-4-5`). Providers write
 * either order for any version; only the order changes, never a number or the line name.
 */
function readClaudeWordOrder(spelling: string, found: Found): string {
  const versionFirst = CLAUDE_VERSION_FIRST.exec(spelling);
  const nameFirst = versionFirst ? undefined : CLAUDE_NAME_FIRST.exec(spelling);
  const match = versionFirst ?? nameFirst;
  if (!match) return spelling;
  const [major, minor, line] = versionFirst ? [match[1], match[2], match[3]] : [match[2], match[3], match[1]];
  const nameFirstFromVersion = Number(major) >= 4;
  if (nameFirstFromVersion === (nameFirst !== undefined)) return spelling;
  found.rules.push('claude word order');
  const version = minor === undefined ? `${major}` : `${major}-${minor}`;
  return (nameFirstFromVersion ? `claude-${line}-${version}` : `claude-${version}-${line}`) + spelling.slice(match[0].length);
}

function read(spelling: string, providerId: string | undefined): SpellingReading {
  const found: Found = { rules: [], variants: [] };
  const normalized = spelling.trim().toLowerCase().replace(/\s+/g, '-');
  const fireworks = providerId === 'fireworks' || FIREWORKS_ACCOUNT.test(normalized);
  const hostSuffixes = HOST_SUFFIXES[fireworks ? 'fireworks' : (providerId ?? '')] ?? [];
  const id = readClaudeWordOrder(
    readServingSuffixes(readPrefixes(readCloudForms(readPath(normalized, found), found), fireworks, found), hostSuffixes, found),
    found,
  );
  const variant = found.variants.length > 0 ? found.variants.join('-') : undefined;
  return { id, key: identityKey(id), ...(variant ? { variant } : {}), rules: found.rules };
}
