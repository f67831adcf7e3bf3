import { describe, expect, it } from 'vitest';
import { makerFromIdVendor, ownerOf, vendorSlug } from './vendor.ts';

describe('vendorSlug', () => {
  it('lowercases a vendor name into a slug', () => {
    expect(vendorSlug('Canopy Labs')).toBe('canopy-labs');
    expect(vendorSlug('OpenAI')).toBe('openai');
  });

  it('gives one slug to the spellings of one organization', () => {
    expect(vendorSlug('meta-llama')).toBe('meta');
    expect(vendorSlug('Meta')).toBe('meta');
    expect(vendorSlug('mistralai')).toBe('mistral');
    expect(vendorSlug('x-ai')).toBe('xai');
    expect(vendorSlug('openai-internal')).toBe('openai');
  });

  it.each(['system', 'library', 'vllm', 'openrouter', 'user-ngim8eihoypymo1292ncndft', 'org-abc', '', '  '])(
    'names no maker for the placeholder %j',
    (owner) => {
      expect(vendorSlug(owner)).toBeUndefined();
    },
  );
});

describe('ownerOf', () => {
  it('takes the owner field when it names a maker', () => {
    expect(ownerOf('Refuel AI', 'togethercomputer')).toBe('refuel-ai');
    expect(ownerOf('OpenAI', undefined)).toBe('openai');
  });

  it("falls back to the id's vendor when the owner field is a placeholder", () => {
    expect(ownerOf('system', undefined)).toBeUndefined();
    expect(ownerOf('vllm', 'Qwen')).toBe('qwen');
  });

  it("prefers the id's vendor to a hosting platform naming itself the owner", () => {
    expect(ownerOf('Together', 'cartesia')).toBe('cartesia');
    expect(ownerOf('Together AI', 'togethercomputer')).toBe('together');
    expect(ownerOf('Groq', 'groq')).toBe('groq');
  });
});

describe('makerFromIdVendor', () => {
  it('takes the vendor prefix of a host id as the maker, without a hub scheme', () => {
    expect(makerFromIdVendor('meta-llama', ['deepinfra'])).toBe('meta');
    expect(makerFromIdVendor('hf:moonshotai', ['synthetic'])).toBe('moonshotai');
  });

  it('names no maker when the prefix is the host itself or one of its routing folders', () => {
    expect(makerFromIdVendor('nanogpt', ['nano-gpt'])).toBeUndefined();
    expect(makerFromIdVendor('chutesai', ['chutes'])).toBeUndefined();
    expect(makerFromIdVendor('route', ['routing-run'])).toBeUndefined();
    expect(makerFromIdVendor(undefined, ['groq'])).toBeUndefined();
  });
});
