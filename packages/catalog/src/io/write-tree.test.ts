import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathInside, replaceDirectory } from './write-tree.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('pathInside', () => {
  it('refuses paths that leave the directory', () => {
    for (const rel of ['../x.json', 'models/../../x.json', '/etc/passwd', '', '.']) {
      expect(() => pathInside('/srv/api', rel), rel).toThrow(/not a file inside/);
    }
    expect(pathInside('/srv/api', 'models/a.json')).toBe('/srv/api/models/a.json');
  });
});

describe('replaceDirectory', () => {
  it('writes the files and removes what an earlier build wrote but this one does not', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-tree-'));
    const dir = join(root, 'out');
    await replaceDirectory(dir, new Map([['index.json', '{}\n'], ['models/old.json', '1\n']]), 'index.json');
    await replaceDirectory(dir, new Map([['index.json', '{"v":2}\n'], ['models/new.json', '2\n']]), 'index.json');
    expect(await readdir(join(dir, 'models'))).toEqual(['new.json']);
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe('{"v":2}\n');
    expect((await readdir(root)).sort()).toEqual(['out']);
  });

  it('leaves a directory alone that an earlier build did not write', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-tree-'));
    const dir = join(root, 'home');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(replaceDirectory(dir, new Map([['index.json', '{}\n']]), 'index.json')).rejects.toThrow(
      /not empty and holds no index.json/,
    );
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('writes nothing when a path would escape, and keeps the earlier build', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-tree-'));
    const dir = join(root, 'out');
    await replaceDirectory(dir, new Map([['index.json', '{}\n']]), 'index.json');
    await expect(replaceDirectory(dir, new Map([['../escaped.json', 'x']]), 'index.json')).rejects.toThrow(/not a file inside/);
    expect((await readdir(root)).sort()).toEqual(['out']);
    expect(await readdir(dir)).toEqual(['index.json']);
  });
});
