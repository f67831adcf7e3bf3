/**
 * Synthetic providers and models for load tests: N providers, each serving M models in the
 * OpenAI-compatible shape (Groq's, with limits and per-token prices), drawn from one shared pool
 * so that providers overlap as real ones do. Everything is a pure function of its numbers.
 */
import type { MockRoute } from './routes.ts';

export const syntheticProviderId = (index: number): string => `synthetic-${String(index + 1).padStart(3, '0')}`;
export const syntheticModelId = (n: number): string => `synth-model-${String(n).padStart(5, '0')}`;

const VENDORS = ['Meta', 'Alibaba Cloud', 'Mistral AI', 'DeepSeek', 'Google', 'OpenAI', 'Moonshot AI'];
const CONTEXT_WINDOWS = [8192, 32768, 131072, 262144];
const OUTPUT_LIMITS = [4096, 8192, 16384, 32768];

export interface SyntheticModelFacts {
  id: string;
  name: string;
  ownedBy: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** In whole cents per million tokens, so the per-token strings are exact decimals. */
  inputCentsPerMillion: number;
  outputCentsPerMillion: number;
}

export function syntheticModelFacts(n: number): SyntheticModelFacts {
  const input = ((n % 40) + 1) * 5;
  const contextWindow = CONTEXT_WINDOWS[n % CONTEXT_WINDOWS.length] as number;
  return {
    id: syntheticModelId(n),
    name: `Synthetic Model ${n}`,
    ownedBy: VENDORS[n % VENDORS.length] as string,
    contextWindow,
    maxOutputTokens: Math.min(contextWindow, OUTPUT_LIMITS[(n >> 2) % OUTPUT_LIMITS.length] as number),
    inputCentsPerMillion: input,
    outputCentsPerMillion: input * 4,
  };
}

/** "0.00000005" for 5 cents per million: the decimal string a provider sends per token. */
export function centsPerMillionToPerTokenString(cents: number): string {
  if (!Number.isInteger(cents) || cents < 0 || cents >= 1e8) {
    throw new RangeError(`cents per million must be a whole number in [0, 1e8): ${cents}`);
  }
  if (cents === 0) return '0';
  // A dollar per million tokens is 1e-6 per token, so a cent is 1e-8: eight decimal places.
  return `0.${String(cents).padStart(8, '0').replace(/0+$/, '')}`;
}

/** One list entry as a Groq-style OpenAI-compatible endpoint reports it. */
export function syntheticModelEntry(n: number, created = 1_760_000_000): Record<string, unknown> {
  const f = syntheticModelFacts(n);
  return {
    id: f.id,
    object: 'model',
    created: created + n,
    owned_by: f.ownedBy,
    active: true,
    name: f.name,
    context_window: f.contextWindow,
    max_completion_tokens: f.maxOutputTokens,
    input_modalities: ['text'],
    output_modalities: ['text'],
    pricing: {
      prompt: centsPerMillionToPerTokenString(f.inputCentsPerMillion),
      completion: centsPerMillionToPerTokenString(f.outputCentsPerMillion),
    },
  };
}

/**
 * Which pool models the provider at `index` serves: `count` consecutive (so distinct) numbers below
 * `poolSize`, starting `stride` further along the pool than the previous provider's.
 */
export function syntheticModelNumbers(index: number, count: number, poolSize: number, stride = 37): number[] {
  if (count > poolSize) throw new Error(`cannot pick ${count} distinct models from a pool of ${poolSize}`);
  const start = (index * stride) % poolSize;
  return Array.from({ length: count }, (_, j) => (start + j) % poolSize);
}

export function syntheticListBody(modelNumbers: readonly number[]): { object: 'list'; data: Record<string, unknown>[] } {
  return { object: 'list', data: modelNumbers.map((n) => syntheticModelEntry(n)) };
}

export interface SyntheticSpec {
  providers: number;
  modelsPerProvider: number;
  /** Distinct models across all providers; defaults to enough for little overlap. */
  poolSize?: number;
  latencyMs?: number;
}

export const syntheticRoutePath = (index: number): string => `/${syntheticProviderId(index)}/v1/models`;

export function syntheticRoutes(spec: SyntheticSpec): MockRoute[] {
  const pool = spec.poolSize ?? Math.max(spec.modelsPerProvider, spec.providers * spec.modelsPerProvider);
  return Array.from({ length: spec.providers }, (_, i) => ({
    path: syntheticRoutePath(i),
    pages: [syntheticListBody(syntheticModelNumbers(i, spec.modelsPerProvider, pool))],
    label: syntheticProviderId(i),
    ...(spec.latencyMs !== undefined ? { latencyMs: spec.latencyMs } : {}),
  }));
}
