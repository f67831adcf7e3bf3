import { describe, expect, it } from 'vitest';
import type { Catalog } from '../io/read.ts';
import { indexCatalog, resolveModel } from '../resolve.ts';
import { offeringFacts } from './offering-facts.ts';

const usd = (per_million_tokens: number) => ({ per_million_tokens, currency: 'USD' });

/** GPT-5.4 at OpenAI as LiteLLM lists it: a long-context tier, batch and priority tiers, a retirement announced. */
const catalog: Catalog = {
  providers: [{ id: 'openai', name: 'OpenAI', authentication: 'API_KEY', formats: [{ format: 'OPENAI', base_url: 'https://api.openai.com/v1', default: true }] }],
  models: [
    {
      id: 'gpt-5.4',
      name: 'GPT-5.4',
      status: 'deprecated',
      context_window: 1050000,
      release_date: '2026-03-05',
      last_updated: '2026-04-01',
      deprecation_date: '2026-09-01',
      shutdown_date: '2027-03-01',
      pricing: { input: usd(2.5), output: usd(15) },
    },
  ],
  overrides: [
    {
      provider_id: 'openai',
      model_id: 'gpt-5.4',
      priority: 10,
      provenance: { source: 'litellm', as_of: '2026-07-24' },
      pricing: {
        long_context: [{ above_input_tokens: 272000, input: usd(5), output: usd(22.5) }],
        service_tiers: { batch: { input: usd(1.25), output: usd(7.5) }, priority: { input: usd(5), long_context: [{ above_input_tokens: 272000, input: usd(10) }] } },
      },
    },
  ],
};

const facts = () => {
  const resolution = resolveModel(indexCatalog(catalog), 'openai', 'gpt-5.4');
  if (!resolution) throw new Error('the fixture serves gpt-5.4');
  return offeringFacts(resolution);
};

describe('offeringFacts', () => {
  it('lists every price, long-context and service tiers named by tier and threshold, with the layer that set it', () => {
    expect(facts().filter((f) => f.field.startsWith('pricing.')).map((f) => [f.field, f.text, f.origin])).toEqual([
      ['pricing.input', '$2.5 /1M tokens', 'base'],
      ['pricing.output', '$15 /1M tokens', 'base'],
      ['pricing.long_context>272000.input', '$5 /1M tokens', 'auto'],
      ['pricing.long_context>272000.output', '$22.5 /1M tokens', 'auto'],
      ['pricing.service_tiers.batch.input', '$1.25 /1M tokens', 'auto'],
      ['pricing.service_tiers.batch.output', '$7.5 /1M tokens', 'auto'],
      ['pricing.service_tiers.priority.input', '$5 /1M tokens', 'auto'],
      ['pricing.service_tiers.priority.long_context>272000.input', '$10 /1M tokens', 'auto'],
    ]);
  });

  it('shows status, last update and the deprecation and shutdown dates apart, and leaves unknown facts out', () => {
    const shown = Object.fromEntries(facts().map((f) => [f.field, f.text]));
    expect(shown).toMatchObject({
      status: 'deprecated',
      release_date: '2026-03-05',
      last_updated: '2026-04-01',
      deprecation_date: '2026-09-01',
      shutdown_date: '2027-03-01',
      context_window: '1,050,000',
    });
    expect(Object.keys(shown)).not.toContain('max_output_tokens');
    expect(Object.keys(shown)).not.toContain('knowledge_cutoff');
  });
});
