import { describe, expect, it } from 'vitest';
import { describeErrorBody, describeNonJsonBody, MAX_QUOTED_CHARS } from './upstream-message.ts';

describe('describeErrorBody', () => {
  it('reads the message of an OpenAI-style error envelope', () => {
    const body = JSON.stringify({ error: { message: 'Invalid API Key', type: 'invalid_request_error' } });
    expect(describeErrorBody(body, 'application/json')).toBe('Invalid API Key');
  });

  it('reads Anthropic, Google, FastAPI and plain message shapes', () => {
    expect(describeErrorBody('{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', null)).toBe(
      'invalid x-api-key',
    );
    expect(describeErrorBody('{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}', null)).toBe(
      'API key not valid.',
    );
    expect(describeErrorBody('{"detail":[{"loc":["query"],"msg":"field required"}]}', null)).toBe('field required');
    expect(describeErrorBody('{"error":"unauthorized"}', null)).toBe('unauthorized');
    expect(describeErrorBody('{"success":false,"message":"rate limited"}', null)).toBe('rate limited');
  });

  it('names an HTML error page by its title', () => {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    expect(describeErrorBody(html, 'text/html')).toBe('HTML page "502 Bad Gateway"');
  });

  it('quotes plain text on one line, shortened', () => {
    const long = `line one\nline two ${'x'.repeat(500)}`;
    const out = describeErrorBody(long, 'text/plain');
    expect(out).toMatch(/^line one line two x+…$/);
    expect(out?.length).toBe(MAX_QUOTED_CHARS);
  });

  it('says nothing for an empty body', () => {
    expect(describeErrorBody('  ', 'application/json')).toBeUndefined();
  });
});

describe('describeNonJsonBody', () => {
  it('says an HTML page came back where JSON was expected', () => {
    expect(describeNonJsonBody('<html><title>Login</title></html>', 'text/html', 'Unexpected token <')).toBe(
      'expected JSON, got HTML page "Login"',
    );
  });

  it('reports truncated JSON with the parser reason', () => {
    expect(describeNonJsonBody('{"data":[', 'application/json', 'Unexpected end of JSON input')).toBe(
      'response is not valid JSON (Unexpected end of JSON input)',
    );
  });

  it('reports an empty body', () => {
    expect(describeNonJsonBody('', 'application/json', 'Unexpected end of JSON input')).toBe('empty response body');
  });
});
