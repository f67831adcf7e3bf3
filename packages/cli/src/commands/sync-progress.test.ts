import { describe, expect, it } from 'vitest';
import { type CliIo, createContext } from '../context.ts';
import { createSyncProgress, describeKeys } from './sync-progress.ts';

function capture(options: { isTTY: boolean; quiet?: boolean; json?: boolean }) {
  let out = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: () => undefined, env: {}, cwd: '/', isTTY: options.isTTY };
  const ctx = createContext({ quiet: options.quiet, json: options.json, color: false }, io);
  return { ctx, output: () => out };
}

const keys = [
  { providerId: 'groq', envVar: 'GROQ_API_KEY', status: 'found' as const },
  { providerId: 'openai', envVar: 'OPENAI_API_KEY', status: 'missing' as const },
  { providerId: 'ollama', status: 'not-needed' as const },
];

describe('describeKeys', () => {
  it('names the variables found and missing, and the providers needing none', () => {
    expect(describeKeys(keys)).toEqual([
      'keys found: GROQ_API_KEY',
      'keys missing (skipped): OPENAI_API_KEY (openai)',
      'no key needed: ollama',
    ]);
    expect(describeKeys([keys[1]!])[0]).toBe('keys found: none');
  });
});

describe('createSyncProgress', () => {
  it('prints one plain line per event off a terminal', () => {
    const { ctx, output } = capture({ isTTY: false });
    const progress = createSyncProgress(ctx);
    progress.listener({ type: 'keys', keys });
    progress.listener({ type: 'fetch-start', providerId: 'groq' });
    progress.listener({ type: 'fetch-retry', providerId: 'groq', attempt: 1, delayMs: 500, reason: 'HTTP 503 busy' });
    progress.listener({ type: 'fetch-done', providerId: 'groq', fetched: 14, warnings: 1, durationMs: 420 });
    progress.listener({ type: 'fetch-failed', providerId: 'ollama', error: 'HTTP 500 boom', durationMs: 1250 });
    progress.listener({ type: 'recheck', problem: 'overrides.json overrides[3]: max_output_tokens exceeds context_window' });
    progress.finish();
    expect(output()).toBe(
      [
        'keys found: GROQ_API_KEY',
        'keys missing (skipped): OPENAI_API_KEY (openai)',
        'no key needed: ollama',
        'groq: retry 1 in 0.5s (HTTP 503 busy)',
        'groq: fetched 14 models in 0.4s (1 warning)',
        'ollama: failed after 1.3s: HTTP 500 boom',
        'the merged result would not validate (overrides.json overrides[3]: max_output_tokens exceeds context_window); reading every list again to check each provider',
        '',
      ].join('\n'),
    );
  });

  it('on a terminal, redraws one status line under the finished lines and clears it at the end', () => {
    const { ctx, output } = capture({ isTTY: true });
    let clock = 0;
    const progress = createSyncProgress(ctx, () => clock);
    progress.listener({ type: 'keys', keys: [keys[0]!] });
    progress.listener({ type: 'fetch-start', providerId: 'groq' });
    clock = 1200;
    progress.listener({ type: 'fetch-done', providerId: 'groq', fetched: 1, warnings: 0, durationMs: 1200 });
    progress.finish();
    expect(output()).toBe(
      'keys found: GROQ_API_KEY\n' +
        '\r\x1b[2K⠋ 0/1 done · groq · 0.0s' +
        '\r\x1b[2Kgroq: fetched 1 model in 1.2s\n',
    );
  });

  it('prints nothing under --quiet or --json', () => {
    for (const flags of [{ quiet: true }, { json: true }]) {
      const { ctx, output } = capture({ isTTY: true, ...flags });
      const progress = createSyncProgress(ctx);
      progress.listener({ type: 'keys', keys });
      progress.listener({ type: 'fetch-done', providerId: 'groq', fetched: 1, warnings: 0, durationMs: 5 });
      progress.finish();
      expect(output()).toBe('');
    }
  });
});
