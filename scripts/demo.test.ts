import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@llm-catalog/testkit/repo';

const DATA_FILES = ['providers.json', 'models.json', 'overrides.json'];

function runDemo(): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts')], {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
        child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe('pnpm demo', () => {
  it('runs sync, import, a changed sync and prints the change report, offline and without a trace', { timeout: 120_000 }, async () => {
    const before = await Promise.all(DATA_FILES.map((f) => readFile(join(REPO_ROOT, 'data', f), 'utf8')));
    const { code, output } = await runDemo();
    expect(code, output).toBe(0);
    expect(output).toContain('catalog --data');
    expect(output).toMatch(/12 updated/);
    expect(output).toContain('import openrouter');
    expect(output).toMatch(/Risk flags/);
    expect(output).toContain('grok-4-fast');
    expect(output).not.toContain('demo-key-');
    const after = await Promise.all(DATA_FILES.map((f) => readFile(join(REPO_ROOT, 'data', f), 'utf8')));
    expect(after).toEqual(before);
    const dataCopy = /^data copy\s+(\S+)/m.exec(output)?.[1];
    expect(dataCopy, 'the demo names its data copy').toBeDefined();
    expect(await exists(dirname(dataCopy as string))).toBe(false);
  });
});
