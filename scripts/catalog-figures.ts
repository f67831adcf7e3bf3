/**
 * Prints the figures the committed catalog is held to (issue 9): providers with offerings, offerings,
 * and the share of chat offerings at the major providers that carry input and output prices.
 * Usage: catalog-figures.ts [DATA_DIR]
 */
import { join } from 'node:path';
import { indexCatalog, readCatalog, type ResolvedModel, resolveOfferings } from '@llm-catalog/catalog';

const MAJOR = ['openai', 'anthropic', 'gemini', 'mistral', 'deepseek', 'xai', 'groq', 'together', 'openrouter'];
const NOT_CHAT = ['EMBEDDING', 'RERANK', 'IMAGE_GENERATION', 'AUDIO_GENERATION', 'VIDEO_GENERATION'] as const;

/** Text out, no generation of other media, offered, and priced per token (not at run time). */
function isChat(m: ResolvedModel): boolean {
  if (m.disabled || m.metadata?.dynamic_pricing === true) return false;
  if (m.output_modalities && (!m.output_modalities.includes('TEXT') || m.output_modalities.some((x) => x !== 'TEXT'))) {
    return false;
  }
  return !NOT_CHAT.some((c) => m.capabilities?.includes(c));
}

const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'data');
const { catalog } = await readCatalog(dir);
const index = indexCatalog(catalog);
let offerings = 0;
const serving = new Set<string>();
const chat = new Map<string, { total: number; priced: number }>();
for (const [providerId, byModel] of index.overrides) {
  for (const modelId of byModel.keys()) {
    for (const m of resolveOfferings(index, providerId, modelId)) {
      if (m.disabled) continue;
      offerings++;
      serving.add(providerId);
      if (!MAJOR.includes(providerId) || !isChat(m)) continue;
      const c = chat.get(providerId) ?? { total: 0, priced: 0 };
      c.total++;
      if (m.pricing?.input && m.pricing.output) c.priced++;
      chat.set(providerId, c);
    }
  }
}
const total = [...chat.values()].reduce((a, c) => ({ total: a.total + c.total, priced: a.priced + c.priced }), { total: 0, priced: 0 });
const pct = (c: { total: number; priced: number }) => (c.total === 0 ? '-' : `${((100 * c.priced) / c.total).toFixed(1)} %`);
console.log(`providers with offerings: ${serving.size}`);
console.log(`offerings: ${offerings}`);
console.log(`priced chat offerings at ${MAJOR.join(', ')}: ${total.priced} of ${total.total} (${pct(total)})`);
for (const id of MAJOR) {
  const c = chat.get(id) ?? { total: 0, priced: 0 };
  console.log(`  ${id.padEnd(11)} ${String(c.priced).padStart(4)} of ${String(c.total).padStart(4)}  ${pct(c)}`);
}
