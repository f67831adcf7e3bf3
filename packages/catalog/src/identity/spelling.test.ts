import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalId, identityKey, readSpelling } from './spelling.ts';

/** Model names shaped like real ones: a family, a version, a size, sometimes a line and a release. */
const modelName = fc
  .record({
    family: fc.constantFrom('llama', 'qwen', 'gemma', 'mistral-large', 'deepseek-r', 'kimi-k', 'gpt-oss', 'claude-sonnet'),
    major: fc.integer({ min: 1, max: 9 }),
    minor: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    size: fc.option(fc.constantFrom('8b', '20b', '70b', '120b', '235b-a22b'), { nil: undefined }),
    line: fc.option(fc.constantFrom('instruct', 'thinking', 'mini', 'nano', 'search', 'it', 'chat'), { nil: undefined }),
    release: fc.option(fc.constantFrom('2407', '2411', '2507', '0528'), { nil: undefined }),
  })
  .map(({ family, major, minor, size, line, release }) =>
    [`${family}-${major}${minor === undefined ? '' : `.${minor}`}`, size, line, release].filter(Boolean).join('-'),
  );

describe('readSpelling', () => {
  it('reads the wrappings of one name to the same key: case, vendor paths, accounts, Bedrock and Vertex forms', () => {
    fc.assert(
      fc.property(modelName, (name) => {
        const key = readSpelling(name).key;
        for (const spelled of [
          name.toUpperCase(),
          `meta-llama/${name}`,
          `accounts/fireworks/models/${name}`,
          `hf:org/${name}`,
          `@cf/meta/${name}`,
          `meta.${name}-v1:0`,
          `us.meta.${name}-v1:0`,
          `${name}-maas`,
          name.replace(/\./g, '-'),
          name.replace(/\./g, '_'),
        ]) {
          expect(readSpelling(spelled).key, spelled).toBe(key);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('puts serving marks in the variant, never in the key', () => {
    fc.assert(
      fc.property(modelName, fc.constantFrom('fp8', 'fp4', 'bf16', 'tput', 'tee'), (name, tier) => {
        const plain = readSpelling(name);
        expect(readSpelling(`${name}-${tier}`)).toMatchObject({ key: plain.key, variant: tier });
        expect(readSpelling(`vendor/${name}:free`)).toMatchObject({ key: plain.key, variant: 'free' });
        expect(readSpelling(`eu.meta.${name}-v1:0`)).toMatchObject({ key: plain.key, variant: 'eu' });
      }),
      { numRuns: 200 },
    );
  });

  it('never reads two names that differ in size, version, line or release to one key', () => {
    fc.assert(
      fc.property(modelName, modelName, (a, b) => {
        fc.pre(identityKey(a) !== identityKey(b));
        expect(readSpelling(a).key).not.toBe(readSpelling(b).key);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps host-specific tiers to their hosts: -turbo and -fast are models of their own elsewhere', () => {
    expect(readSpelling('meta-llama/Llama-3.3-70B-Instruct-Turbo', 'deepinfra')).toMatchObject({ variant: 'turbo' });
    expect(readSpelling('openai/gpt-4-turbo', 'openrouter').variant).toBeUndefined();
    expect(readSpelling('x-ai/grok-4-fast', 'openrouter')).toMatchObject({ id: 'grok-4-fast' });
    expect(readSpelling('openai/gpt-oss-120b-fast', 'nebius')).toMatchObject({ id: 'gpt-oss-120b', variant: 'fast' });
  });

  it("reads Fireworks' p for a dot and Vertex's @date", () => {
    expect(readSpelling('accounts/fireworks/models/llama-v3p1-8b-instruct').id).toBe('llama-3.1-8b-instruct');
    expect(readSpelling('accounts/fireworks/routers/kimi-k2p6-turbo')).toMatchObject({ id: 'kimi-k2.6', variant: 'turbo' });
    expect(readSpelling('claude-sonnet-4-5@20250929').id).toBe('claude-sonnet-4-5-20250929');
  });
});

describe('Claude word order', () => {
  it("reads either order as Anthropic's: the line name first from Claude 4 on, the version first before", () => {
    const keyOf = (spelling: string, providerId?: string) => readSpelling(spelling, providerId).key;
    expect(keyOf('claude-4-5-sonnet', 'cortecs')).toBe('claude-sonnet-4-5');
    expect(keyOf('anthropic-claude-4.5-haiku', 'digitalocean')).toBe('claude-haiku-4-5');
    expect(keyOf('claude-4.0-opus', 'qiniu-ai')).toBe('claude-opus-4-0');
    expect(keyOf('anthropic/claude-4-opus', 'vercel')).toBe('claude-opus-4');
    expect(keyOf('claude-4-opus-20250514', 'anthropic')).toBe('claude-opus-4-20250514');
    expect(keyOf('anthropic/claude-sonnet-3.7', 'poe')).toBe('claude-3-7-sonnet');
    expect(keyOf('anthropic/claude-haiku-3', 'poe')).toBe('claude-3-haiku');
    expect(readSpelling('claude-4-5-sonnet').rules).toContain('claude word order');
  });

  it("leaves the maker's order, other lines and numbers that are not a version alone", () => {
    for (const spelling of ['claude-sonnet-4-5', 'claude-3-7-sonnet', 'claude-sonnet-4-20250514', 'claude-opus-41', 'claude-instant-1', 'claude-4-fable']) {
      expect(readSpelling(spelling).rules, spelling).not.toContain('claude word order');
    }
  });

  it('changes only the order of the parts, never a number or the line name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('opus', 'sonnet', 'haiku'),
        fc.integer({ min: 1, max: 9 }),
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom('', '-20250514', '-thinking', '-v2'),
        (line, major, minor, versionFirst, rest) => {
          const version = minor === undefined ? `${major}` : `${major}.${minor}`;
          const spelling = versionFirst ? `claude-${version}-${line}${rest}` : `claude-${line}-${version}${rest}`;
          const swapped = versionFirst ? `claude-${line}-${version}${rest}` : `claude-${version}-${line}${rest}`;
          const parts = (key: string) => key.split('-').sort();
          expect(parts(readSpelling(spelling).key)).toEqual(parts(identityKey(spelling)));
          expect(readSpelling(spelling).key).toBe(readSpelling(swapped).key);
        },
      ),
    );
  });
});

describe('canonicalId', () => {
  it('writes each key the way makers write their ids, the same from every spelling', () => {
    const idOf = (spelling: string) => canonicalId(readSpelling(spelling).key);
    expect(idOf('meta-llama/Llama-3.3-70B-Instruct')).toBe('llama-3.3-70b-instruct');
    expect(idOf('meta.llama3-3-70b-instruct-v1:0')).toBe('llama-3.3-70b-instruct');
    expect(idOf('anthropic/claude-3.5-haiku-20241022')).toBe('claude-3-5-haiku-20241022');
    expect(idOf('Qwen/Qwen2.5-72B-Instruct')).toBe('qwen2.5-72b-instruct');
    expect(idOf('qwen-2-5-72b-instruct')).toBe('qwen2.5-72b-instruct');
    expect(idOf('kimi-k2-6')).toBe('kimi-k2.6');
    expect(idOf('mistralai/Mixtral-8x7B-Instruct-v0.1')).toBe('mixtral-8x7b-instruct-v0.1');
    expect(idOf('gpt-4o-2024-05-13')).toBe('gpt-4o-2024-05-13');
    expect(idOf('gemini-2.5-flash-preview-05-20')).toBe('gemini-2.5-flash-preview-05-20');
    expect(idOf('gemma4-31b')).toBe('gemma-4-31b');
    expect(idOf('meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8')).toBe('llama-4-maverick-17b-128e-instruct');
  });
});
