/**
 * The committed catalog is reproducible: the documented build (scripts/build-data.sh) run over a copy
 * of data/ with the dated snapshots gives data/ byte for byte. The snapshots live outside the
 * repository (they are not ours to commit), so without them this test is skipped and runs nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SNAPSHOTS = join(ROOT, '..', 'shared', 'snapshots');
const DATA = join(ROOT, 'data');

describe.skipIf(!existsSync(SNAPSHOTS))('the committed catalog', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is rebuilt byte for byte from the snapshots by scripts/build-data.sh', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-build-'));
    dirs.push(dir);
    await cp(DATA, dir, { recursive: true });
    await promisify(execFile)('bash', [join(ROOT, 'scripts', 'build-data.sh'), SNAPSHOTS, dir], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const names = (await readdir(DATA)).filter((n) => n.endsWith('.json')).sort();
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      const [built, committed] = await Promise.all([readFile(join(dir, name), 'utf8'), readFile(join(DATA, name), 'utf8')]);
      expect(built === committed, `${name} differs from the rebuilt one; run scripts/build-data.sh`).toBe(true);
    }
  }, 300_000);
});
