import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter } from './retry.ts';

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('takes a negative delay for unreadable, not for "retry at once"', () => {
    for (const header of ['-5', '-1.5', ' -0 ']) expect(parseRetryAfter(header), header).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles with each attempt, jitter within the upper half', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(800);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelayMs(20, 500, 5_000, () => 1)).toBe(5_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries rate limits and server errors, not client errors', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422, 501]) expect(isRetryableStatus(s)).toBe(false);
  });
});
