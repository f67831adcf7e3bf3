import { describe, expect, it } from 'vitest';
import { entriesOf } from './envelope.ts';
import { UpstreamErrorBody } from './upstream-error.ts';

describe('entriesOf', () => {
  it('reads {data: [...]}, a bare array and {models: [...]}', () => {
    expect(entriesOf({ object: 'list', data: [{ id: 'a' }] })).toEqual([{ id: 'a' }]);
    expect(entriesOf([{ id: 'a' }, { id: 'b' }])).toHaveLength(2);
    expect(entriesOf({ models: [{ name: 'models/x' }], nextPageToken: 't' })).toEqual([{ name: 'models/x' }]);
  });

  it('ignores the paging fields beside the list', () => {
    expect(entriesOf({ data: [{ id: 'a' }], has_more: true, first_id: 'a', last_id: 'a' })).toEqual([{ id: 'a' }]);
  });

  it('takes an empty list for an empty list', () => {
    expect(entriesOf({ data: [] })).toEqual([]);
  });

  it.each([
    [{ success: false, message: 'invalid token' }, 'invalid token'],
    [{ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }, 'Incorrect API key provided'],
    [{ error: 'rate limited' }, 'rate limited'],
    [{ object: 'error', message: 'model list unavailable', code: 503 }, 'model list unavailable'],
    [{ data: [{ id: 'a' }], error: { type: 'overloaded' } }, 'overloaded'],
  ])('an error sent with HTTP 200 is an error, not an empty list: %j', (body, message) => {
    expect(() => entriesOf(body)).toThrow(UpstreamErrorBody);
    expect(() => entriesOf(body)).toThrow(message);
  });

  it('does not take a null error field for an error', () => {
    expect(entriesOf({ data: [{ id: 'a' }], error: null })).toHaveLength(1);
  });

  it('truncates a long error message from the body', () => {
    const body = { success: false, message: 'x'.repeat(5000) };
    let message = '';
    try {
      entriesOf(body);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.length).toBeLessThan(400);
  });

  it.each([
    ['<!DOCTYPE html><html><body>Bad gateway</body></html>', /a string \("<!DOCTYPE html>/],
    [42, /the number 42/],
    [null, /null/],
    [{}, /no model list.*an empty object/],
    [{ object: 'list', items: [] }, /found keys object, items/],
    [{ data: { id: 'a' } }, /no model list/],
  ])('a body that is no list is an upstream error: %j', (body, message) => {
    expect(() => entriesOf(body)).toThrow(UpstreamErrorBody);
    expect(() => entriesOf(body)).toThrow(message);
  });
});
