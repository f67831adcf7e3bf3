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

describe('renderPairs', () => {
  it('pads labels to the longest one', () => {
    expect(renderPairs([['id', 'groq'], ['models', '14']])).toBe('id      groq\nmodels  14\n');
  });
});
