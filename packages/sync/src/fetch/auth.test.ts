import type { ModelsApiEndpoint } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANTHROPIC_VERSION, requestAuthFor } from './auth.ts';

const endpoint = (over: Partial<ModelsApiEndpoint>): ModelsApiEndpoint => ({
  url: 'https://api.example.test/v1/models',
  endpoint_type: 'CHAT_COMPLETIONS',
  format: 'OPENAI',
  ...over,
});

describe('requestAuthFor', () => {
  it('sends a bearer token by default', () => {
    const auth = requestAuthFor(endpoint({}), 'k1');
    expect(auth.headers.Authorization).toBe('Bearer k1');
    expect(auth.query).toEqual({});
  });

  it('sends x-api-key and anthropic-version for Anthropic', () => {
    const auth = requestAuthFor(endpoint({ format: 'ANTHROPIC' }), 'k1');
    expect(auth.headers['x-api-key']).toBe('k1');
    expect(auth.headers['anthropic-version']).toBe(DEFAULT_ANTHROPIC_VERSION);
    expect(auth.headers.Authorization).toBeUndefined();
  });

  it('keeps an anthropic-version pinned in providers.json', () => {
    const auth = requestAuthFor(
      endpoint({ format: 'ANTHROPIC', headers: { 'Anthropic-Version': '2024-01-01' } }),
      'k1',
    );
    expect(auth.headers['Anthropic-Version']).toBe('2024-01-01');
    expect(auth.headers['anthropic-version']).toBeUndefined();
  });

  it("sends Gemini's key in a header, not the URL", () => {
    const auth = requestAuthFor(endpoint({ format: 'GEMINI' }), 'k1');
    expect(auth.headers['x-goog-api-key']).toBe('k1');
    expect(auth.query).toEqual({});
  });

  it('uses a custom header with a literal prefix', () => {
    const auth = requestAuthFor(endpoint({ auth: { header_name: 'X-Key', prefix: 'key=' } }), 'k1');
    expect(auth.headers['X-Key']).toBe('key=k1');
  });

  it('separates a word prefix from the key with a space', () => {
    const auth = requestAuthFor(endpoint({ auth: { header_name: 'Authorization', prefix: 'Token' } }), 'k1');
    expect(auth.headers.Authorization).toBe('Token k1');
  });

  it('puts the key in a query parameter when the endpoint asks for it', () => {
    const auth = requestAuthFor(endpoint({ format: 'GEMINI', auth: { query_param: 'key' } }), 'k1');
    expect(auth.query).toEqual({ key: 'k1' });
    expect(auth.headers['x-goog-api-key']).toBeUndefined();
  });

  it('sends no key for a provider that needs none, but keeps extra headers', () => {
    const auth = requestAuthFor(endpoint({ headers: { 'x-client': 'catalog' } }), undefined);
    expect(auth.headers).toEqual({ accept: 'application/json', 'x-client': 'catalog' });
  });
});
