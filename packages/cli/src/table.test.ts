import { describe, expect, it } from 'vitest';
import { renderPairs, renderTable } from './table.ts';

describe('renderTable', () => {
  it('pads columns to the widest cell and leaves the last column unpadded', () => {
    expect(renderTable(['id', 'status'], [['groq', 'updated'], ['openrouter', 'failed']])).toBe(
      'id          status\ngroq        updated\nopenrouter  failed\n',
    );
  });

  it('keeps a cell with line breaks on one line, so the columns stay aligned', () => {
    const text = renderTable(['field', 'value', 'from'], [['description', 'First paragraph.\n\nSecond one.', 'base']]);
    expect(text).toBe('field        value                         from\ndescription  First paragraph. Second one.  base\n');
  });
});

describe('renderTable cut to the terminal width', () => {
  const rows = [
    ['gpt-4o', '128,000', '$2.50'],
    ['ft:gpt-4o-2024-08-06:acme-corporation-research:customer-support-tone-v7:9xYzAbCd', '128,000', '$3.75'],
  ];

  it('cuts only the over-long column with an ellipsis, so every line fits', () => {
    const text = renderTable(['model', 'context', 'input'], rows, { width: 40 });
    const lines = text.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
    expect(lines[2]).toMatch(/^ft:gpt-4o-2024-08-06:\S*… {2}128,000 {2}\$3\.75$/);
    expect(lines[1]).toMatch(/^gpt-4o\s+128,000 {2}\$2\.50$/);
  });

  it('leaves a table that fits, or one with no known width, untouched', () => {
    expect(renderTable(['model', 'context', 'input'], rows, { width: 200 })).toBe(renderTable(['model', 'context', 'input'], rows));
    expect(renderTable(['model', 'context', 'input'], rows)).toContain(rows[1]?.[0]);
  });

  it('never cuts a column below a readable minimum', () => {
    const text = renderTable(['model', 'context', 'input'], rows, { width: 10 });
    expect(text).toContain('ft:gpt-…');
  });
});

describe('renderPairs', () => {
  it('pads labels to the longest one', () => {
    expect(renderPairs([['id', 'groq'], ['models', '14']])).toBe('id      groq\nmodels  14\n');
  });
});
