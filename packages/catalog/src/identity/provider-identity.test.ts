import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@llm-catalog/testkit/repo';
import { loadValidCatalog } from '../io/load-valid.ts';
import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { IdentityIndex, ProviderIdentity, type SpellingEntry } from './index.ts';

type Stated = { hugging_face_id?: string; canonical_slug?: string };

/** Every spelling of the hand-labelled table: the provider, how it spells the model, what its source states. */
const ROWS = Object.values(
  (JSON.parse(readFileSync(join(import.meta.dirname, 'identity-table.json'), 'utf8')) as { models: Record<string, [string, string, Stated?][]> })
    .models,
).flat();
const PROVIDERS = [...new Set(ROWS.map(([provider]) => provider))];
const MODEL_IDS = [...new Set(ROWS.map(([, spelling]) => spelling.toLowerCase().split('/').pop() as string))];

interface IdentityCatalog {
  models: Model[];
  overrides: Override[];
  links: Link[];
}

const modelArb = fc.record({
  id: fc.constantFrom(...MODEL_IDS),
  aliases: fc.option(fc.uniqueArray(fc.constantFrom(...MODEL_IDS), { maxLength: 2 }), { nil: undefined }),
  stated: fc.option(fc.constantFrom(...ROWS.map(([, , stated]) => stated).filter((s): s is Stated => s !== undefined)), { nil: undefined }),
});

/** A catalog of models named from the table, offerings spelled as the table's rows, and a person's links. */
const catalogArb: fc.Arbitrary<IdentityCatalog> = fc
  .tuple(
    fc.uniqueArray(modelArb, { minLength: 1, maxLength: 40, selector: (m) => m.id }),
    fc.array(fc.tuple(fc.constantFrom(...ROWS), fc.nat(), fc.boolean()), { maxLength: 80 }),
    fc.array(fc.tuple(fc.constantFrom(...ROWS), fc.nat(), fc.constantFrom('same', 'different'), fc.boolean()), { maxLength: 6 }),
  )
  .map(([models, offered, linked]) => {
    const ids = models.map((m) => m.id);
    const overrides = offered.map(([[provider, spelling], n, spelled]) => ({
      provider_id: provider,
      model_id: ids[n % ids.length] as string,
      priority: 10,
      ...(spelled ? { provider_model_id: spelling } : {}),
    })) as Override[];
    const spelled = overrides.filter((o) => o.provider_model_id !== undefined);
    // A link names a row's spelling, or (to veto or confirm it) the very pair an offering holds.
    const link = ([[, spelling], n, relation, ofOffering]: (typeof linked)[number]) => {
      const o = ofOffering ? spelled[n % Math.max(spelled.length, 1)] : undefined;
      return { spelling: o?.provider_model_id ?? spelling, model_id: o?.model_id ?? (ids[n % ids.length] as string), relation };
    };
    return {
      models: models.map((m) => ({ id: m.id, ...(m.aliases ? { aliases: m.aliases } : {}), ...(m.stated ? { metadata: m.stated } : {}) }) as Model),
      overrides,
      links: linked.map(link) as Link[],
    };
  });

/** Spellings as they arrive: a row of the table, re-cased or routed, at one of the table's providers. */
const entryArb: fc.Arbitrary<SpellingEntry> = fc
  .tuple(fc.constantFrom(...ROWS), fc.constantFrom(...PROVIDERS), fc.constantFrom('', ':free', '-fp8', ' '), fc.boolean(), fc.boolean())
  .map(([[provider, spelling, stated], other, suffix, upper, atOther]) => ({
    spelling: `${upper ? spelling.toUpperCase() : spelling}${suffix}`,
    provider_id: atOther ? other : provider,
    ...stated,
  }));

const viewOf = (catalog: Pick<IdentityCatalog, 'models' | 'overrides'> & { links?: Link[] }, providerId: string, full: () => IdentityIndex) =>
  new ProviderIdentity(catalog, providerId, catalog.overrides.filter((o) => o.provider_id === providerId), full);

describe('one provider\'s identity view', () => {
  it('answers every lookup as the index of the whole catalog does', () => {
    fc.assert(
      fc.property(catalogArb, fc.array(entryArb, { minLength: 1, maxLength: 20 }), (catalog, entries) => {
        const full = new IdentityIndex(catalog);
        for (const entry of entries) {
          const view = viewOf(catalog, entry.provider_id as string, () => full);
          expect(view.lookup(entry)).toEqual(full.lookup(entry));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('resolves a model id, an alias and the provider\'s own spelling without indexing the catalog', () => {
    const catalog: IdentityCatalog = {
      models: [{ id: 'claude-3-7-sonnet-20250219', aliases: ['claude-3-7-sonnet-latest'] } as Model, { id: 'gpt-4o' } as Model],
      overrides: [
        { provider_id: 'bedrock', model_id: 'claude-3-7-sonnet-20250219', priority: 10, provider_model_id: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' },
        { provider_id: 'openai', model_id: 'gpt-4o', priority: 10 },
      ] as Override[],
      links: [],
    };
    const view = viewOf(catalog, 'bedrock', () => {
      throw new Error('the whole catalog was indexed');
    });
    expect(view.lookup({ spelling: 'claude-3-7-sonnet-20250219', provider_id: 'bedrock' })).toEqual({ model_id: 'claude-3-7-sonnet-20250219', origin: 'id' });
    expect(view.lookup({ spelling: 'Claude-3-7-Sonnet-Latest', provider_id: 'bedrock' })).toEqual({ model_id: 'claude-3-7-sonnet-20250219', origin: 'alias' });
    expect(view.lookup({ spelling: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', provider_id: 'bedrock' })?.model_id).toBe(
      'claude-3-7-sonnet-20250219',
    );
  });

  it('on the committed catalog, gives every provider\'s spellings and model ids the answers of the whole index', async () => {
    const { catalog } = await loadValidCatalog(join(REPO_ROOT, 'data'));
    const full = new IdentityIndex(catalog);
    const spellings = new Map<string, Set<string>>();
    for (const o of catalog.overrides) {
      const own = spellings.get(o.provider_id) ?? new Set<string>();
      spellings.set(o.provider_id, own.add(o.model_id).add(o.model_id.toUpperCase()));
      if (o.provider_model_id !== undefined) own.add(o.provider_model_id);
    }
    let compared = 0;
    for (const [providerId, own] of spellings) {
      const view = viewOf(catalog, providerId, () => full);
      for (const spelling of own) {
        expect(view.lookup({ spelling, provider_id: providerId }), `${providerId} ${spelling}`).toEqual(
          full.lookup({ spelling, provider_id: providerId }),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(catalog.overrides.length);
  });
});
