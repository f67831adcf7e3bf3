import { describe, expect, it } from 'vitest';
import {
  capabilitiesFromModalities,
  capabilityList,
  dateFromAny,
  dateFromText,
  dateFromUnixSeconds,
  firstTokenLimit,
  modalitiesOf,
  text,
  tokenLimit,
} from './facts.ts';

describe('facts', () => {
  it('text is trimmed, and blank text is unknown', () => {
    expect(text('  Claude  ')).toBe('Claude');
    expect(text('   ')).toBeUndefined();
    expect(text(null)).toBeUndefined();
  });

  it('a token limit is a positive whole number; 0 and fractions are unknown', () => {
    expect(tokenLimit(131072)).toBe(131072);
    expect(tokenLimit(0)).toBeUndefined();
    expect(tokenLimit(-1)).toBeUndefined();
    expect(tokenLimit(1.5)).toBeUndefined();
    expect(firstTokenLimit(undefined, 0, 4096, 8192)).toBe(4096);
    expect(firstTokenLimit(null, undefined)).toBeUndefined();
  });

  it('reads dates from text and Unix seconds, and never invents one', () => {
    expect(dateFromText('2025-05-22T00:00:00Z')).toBe('2025-05-22');
    expect(dateFromText('2025-01')).toBe('2025-01');
    expect(dateFromText('2025-02-30')).toBeUndefined();
    expect(dateFromText('2025-13-01')).toBeUndefined();
    expect(dateFromText('January 2025')).toBeUndefined();
    expect(dateFromText('1970-01-01T00:00:00Z')).toBeUndefined();
    expect(dateFromUnixSeconds(1764696672)).toBe('2025-12-02');
    expect(dateFromUnixSeconds(0)).toBeUndefined();
    expect(dateFromAny(1764696672)).toBe('2025-12-02');
    expect(dateFromAny('2024-10')).toBe('2024-10');
  });

  it('maps modality words to the catalog enum, speech to AUDIO, and warns on unknown words', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(modalitiesOf(['text', 'Image', 'speech', 'pdf'], 'input_modalities', warn)).toEqual([
      'AUDIO',
      'FILE',
      'IMAGE',
      'TEXT',
    ]);
    expect(modalitiesOf(['transcription'], 'output_modalities', warn)).toEqual(['TEXT']);
    expect(modalitiesOf(['text', 'code'], 'supported_output_modalities', warn)).toEqual(['TEXT']);
    expect(modalitiesOf(['hologram'], 'output_modalities', warn)).toBeUndefined();
    expect(modalitiesOf([], 'input_modalities', warn)).toBeUndefined();
    expect(warnings).toEqual(['output_modalities: unknown modality "hologram" left out']);
  });

  it('derives recognition and generation capabilities from modalities', () => {
    expect(capabilitiesFromModalities(['TEXT', 'IMAGE', 'FILE'], ['TEXT', 'AUDIO']).sort()).toEqual([
      'AUDIO_GENERATION',
      'FILE_INPUT',
      'IMAGE_RECOGNITION',
    ]);
    expect(capabilitiesFromModalities(undefined, ['EMBEDDING'])).toEqual(['EMBEDDING']);
  });

  it('a capability list is sorted and unique, and an empty one is no list', () => {
    expect(capabilityList(['REASONING', 'FUNCTION_CALL', 'REASONING'])).toEqual(['FUNCTION_CALL', 'REASONING']);
    expect(capabilityList([])).toBeUndefined();
  });
});
