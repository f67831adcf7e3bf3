import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../schema/model.ts';
import { IdentityIndex, type SpellingEntry } from './index.ts';

interface Table {
  models: Record<string, [string, string, { hugging_face_id?: string; canonical_slug?: string }?][]>;
  different: [string, string, string][];
}

interface Row {
  label: string;
  entry: SpellingEntry;
}

function loadTable(): { rows: Row[]; different: [string, string][] } {
  const table = JSON.parse(readFileSync(join(import.meta.dirname, 'identity-table.json'), 'utf8')) as Table;
  const rows = Object.entries(table.models).flatMap(([label, spellings]) =>
    spellings.map(([provider_id, spelling, stated]) => ({ label, entry: { spelling, provider_id, ...stated } })),
  );
  return { rows, different: table.different.map(([a, b]) => [a, b]) };
}

/**
 * Links the rows as a run of imports would, starting from an empty catalog and without a person's
 * links: a row the index recognizes joins that model, any other row creates one; either way the
 * offering records the spelling, as an override's `provider_model_id` does.
 */
function assignModels(rows: readonly Row[]): string[] {
  const index = new IdentityIndex({ models: [] });
  return rows.map(({ entry }) => {
    const match = index.lookup(entry);
    if (match) {
      index.remember(entry, match.model_id);
      return match.model_id;
    }
    const id = index.newModelId(entry);
    const metadata = { hugging_face_id: entry.hugging_face_id, canonical_slug: entry.canonical_slug };
    const model = { id, metadata: JSON.parse(JSON.stringify(metadata)) as Model['metadata'] } as Model;
    index.add(model);
    index.remember(entry, id);
    return id;
  });
}

interface Score {
  samePairs: number;
  linkedSame: number;
  linkedAll: number;
  wrongMerges: string[];
}

function score(rows: readonly Row[], assigned: readonly string[], different: readonly [string, string][]): Score {
  const lookAlike = new Set(different.flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]));
  const out: Score = { samePairs: 0, linkedSame: 0, linkedAll: 0, wrongMerges: [] };
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i] as Row;
      const b = rows[j] as Row;
      const same = a.label === b.label;
      const linked = assigned[i] === assigned[j];
      if (same) out.samePairs++;
      if (!linked) continue;
      out.linkedAll++;
      if (same) out.linkedSame++;
      else {
        const why = lookAlike.has(`${a.label}\u0000${b.label}`) ? 'look-alike' : 'different labels';
        out.wrongMerges.push(`${a.entry.spelling} + ${b.entry.spelling} (${why})`);
      }
    }
  }
  return out;
}

const percent = (n: number, d: number) => (d === 0 ? 100 : Math.round((1000 * n) / d) / 10);

describe('identity rules on the hand-labelled table (source links and rules only, no person links)', () => {
  const { rows, different } = loadTable();

  it('holds at least 100 spellings in at least 12 groups and 40 look-alike pairs of labelled models', () => {
    const groups = new Map<string, number>();
    for (const r of rows) groups.set(r.label, (groups.get(r.label) ?? 0) + 1);
    const multi = [...groups.values()].filter((n) => n >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(12);
    expect(multi.reduce((a, n) => a + n, 0)).toBeGreaterThanOrEqual(100);
    expect(different.length).toBeGreaterThanOrEqual(40);
    for (const [a, b] of different) expect(groups.has(a) && groups.has(b), `${a} / ${b}`).toBe(true);
  });

  it('merges no two different models and links at least 90 % of same-model pairs', () => {
    const s = score(rows, assignModels(rows), different);
    const precision = percent(s.linkedSame, s.linkedAll);
    const recall = percent(s.linkedSame, s.samePairs);
    console.log(
      `identity table: ${rows.length} spellings; precision ${precision} % (${s.linkedSame}/${s.linkedAll} linked pairs), ` +
        `recall ${recall} % (${s.linkedSame}/${s.samePairs} same-model pairs), wrong merges ${s.wrongMerges.length}`,
    );
    expect(s.wrongMerges).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(90);
  });

  // A source's name links a spelling to one model as it arrives; when the two models it bridges were
  // both created before it, linking them is a person's decision (`identity suggest` proposes it). So
  // the order-independence of the grouping is a property of the spelling rules.
  it('the spelling rules group the spellings the same way, under the same ids, whatever order they arrive in', () => {
    const ruleRows = rows.map(({ label, entry }) => ({ label, entry: { spelling: entry.spelling, provider_id: entry.provider_id } }));
    const groupsOf = (order: readonly Row[]) => {
      const assigned = assignModels(order);
      const byModel = new Map<string, string[]>();
      order.forEach((r, i) => byModel.set(assigned[i] as string, [...(byModel.get(assigned[i] as string) ?? []), `${r.entry.provider_id} ${r.entry.spelling}`]));
      return [...byModel].map(([id, g]) => `${id}: ${g.sort().join(' | ')}`).sort();
    };
    const expected = groupsOf(ruleRows);
    fc.assert(
      fc.property(fc.shuffledSubarray(ruleRows, { minLength: ruleRows.length }), (shuffled) => {
        expect(groupsOf(shuffled)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('never merges two different models, whatever order the spellings arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), (shuffled) => {
        expect(score(shuffled, assignModels(shuffled), different).wrongMerges).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
