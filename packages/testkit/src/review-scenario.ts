/**
 * Test helper for `diff` and `history`: a throwaway git repository holding three commits of catalog
 * data, the story a reviewer meets in real pull requests. Not part of the CLI.
 *
 * 1. "initial catalog"   alpha, beta and gamma serve gpt-x and others; beta has a manual price on llama-70b.
 * 2. "sync: new models and prices"   new-a and new-b added; alpha's cheap-1 input price drops to 0,
 *    beta's gpt-x input price moves +80 % (2.5 -> 4.5), alpha's gpt-x output +12.5 % (8 -> 9).
 * 3. "sync: gamma shrinks"   gamma loses 4 of its 6 models; beta stops listing llama-70b (its manual
 *    override is orphaned); alpha's llama-70b context shrinks; gpt-x loses IMAGE_RECOGNITION everywhere.
 */
import type { Catalog } from '@llm-catalog/catalog';
import { catalog, clone, makeTestRepo, model, offer, provider, type TestRepo, usd } from './report.ts';

const GAMMA_ONLY = ['g1', 'g2', 'g3', 'g4', 'g5'];

export const initialCatalog: Catalog = catalog({
  providers: [provider('alpha'), provider('beta'), provider('gamma')],
  models: [
    model('cheap-1', { pricing: { input: usd(0.5), output: usd(1.5) } }),
    model('gpt-x', {
      context_window: 128000,
      capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
      pricing: { input: usd(2), output: usd(8) },
    }),
    model('llama-70b', { context_window: 131072, pricing: { input: usd(0.7), output: usd(0.9) } }),
    ...GAMMA_ONLY.map((id) => model(id)),
  ],
  overrides: [
    offer('alpha', 'cheap-1'),
    offer('alpha', 'gpt-x'),
    offer('alpha', 'llama-70b'),
    offer('beta', 'gpt-x', { pricing: { input: usd(2.5) } }),
    offer('beta', 'llama-70b'),
    offer('beta', 'llama-70b', { priority: 100, reason: 'negotiated price', pricing: { input: usd(0.6) } }),
    offer('gamma', 'gpt-x'),
    ...GAMMA_ONLY.map((id) => offer('gamma', id)),
  ],
});

function edit(c: Catalog, providerId: string, modelId: string, change: (o: Catalog['overrides'][number]) => void) {
  const o = c.overrides.find((x) => x.provider_id === providerId && x.model_id === modelId && x.priority === 0);
  if (!o) throw new Error(`scenario: no auto override ${providerId}/${modelId}`);
  change(o);
}

export function pricesCatalog(): Catalog {
  const c = clone(initialCatalog);
  c.models.push(model('new-a', { pricing: { input: usd(1), output: usd(2) } }), model('new-b'));
  c.overrides.push(offer('alpha', 'new-a'), offer('alpha', 'new-b'), offer('beta', 'new-a'));
  edit(c, 'alpha', 'cheap-1', (o) => (o.pricing = { input: usd(0) }));
  edit(c, 'alpha', 'gpt-x', (o) => (o.pricing = { output: usd(9) }));
  edit(c, 'beta', 'gpt-x', (o) => (o.pricing = { input: usd(4.5) }));
  return c;
}

export function shrinkCatalog(): Catalog {
  const c = pricesCatalog();
  c.overrides = c.overrides.filter(
    (o) =>
      !(o.provider_id === 'gamma' && ['g1', 'g2', 'g3', 'g4'].includes(o.model_id)) &&
      !(o.provider_id === 'beta' && o.model_id === 'llama-70b' && o.priority === 0),
  );
  edit(c, 'alpha', 'llama-70b', (o) => (o.limits = { context_window: 65536 }));
  const gptX = c.models.find((m) => m.id === 'gpt-x');
  if (gptX) gptX.capabilities = ['FUNCTION_CALL'];
  return c;
}

export interface ReviewRepo extends TestRepo {
  /** Commit ids, oldest first. */
  commits: string[];
}

export async function makeReviewRepo(): Promise<ReviewRepo> {
  const repo = await makeTestRepo();
  const commits = [
    await repo.commitCatalog(initialCatalog, 'initial catalog', '2026-01-05'),
    await repo.commitCatalog(pricesCatalog(), 'sync: new models and prices', '2026-02-10'),
    await repo.commitCatalog(shrinkCatalog(), 'sync: gamma shrinks', '2026-03-15'),
  ];
  return { ...repo, commits };
}
