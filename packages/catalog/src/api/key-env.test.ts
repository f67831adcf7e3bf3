import { describe, expect, it } from 'vitest';
import { keyEnvOf } from './key-env.ts';

describe('keyEnvOf', () => {
  it('uses api_key_env, else <ID>_API_KEY, for providers that take a key', () => {
    expect(keyEnvOf({ id: 'groq', authentication: 'API_KEY' })).toBe('GROQ_API_KEY');
    expect(keyEnvOf({ id: 'together-ai', authentication: 'API_KEY' })).toBe('TOGETHER_AI_API_KEY');
    expect(keyEnvOf({ id: 'hf', authentication: 'API_KEY', api_key_env: 'HF_TOKEN' })).toBe('HF_TOKEN');
  });

  it('invents no variable for keyless servers or cloud credentials without one', () => {
    expect(keyEnvOf({ id: 'ollama', authentication: 'NONE' })).toBeUndefined();
    expect(keyEnvOf({ id: 'vertex-ai', authentication: 'CLOUD_CREDENTIALS' })).toBeUndefined();
    expect(keyEnvOf({ id: 'bedrock', authentication: 'CLOUD_CREDENTIALS', api_key_env: 'AWS_BEARER_TOKEN_BEDROCK' })).toBe(
      'AWS_BEARER_TOKEN_BEDROCK',
    );
  });
});
