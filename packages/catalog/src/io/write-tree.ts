import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** The path `rel` names inside `root`; throws when it would land outside (`..`, an absolute path). */
export function pathInside(root: string, rel: string): string {
  const target = resolve(root, rel);
  const fromRoot = relative(root, target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) {
    throw new Error(`refusing to write "${rel}": it is not a file inside ${root}`);
  }
  return target;
}

/**
 * Replaces directory `dir` with exactly `files` (relative path -> text), so files of an earlier
 * build that are gone from this one do not linger. The new tree is written beside `dir` and swapped
 * in by renames; on failure `dir` is left as it was. A non-empty `dir` is replaced only when it holds
 * `marker` (a file every earlier build wrote), so a mistyped path never deletes unrelated files.
 */
export async function replaceDirectory(dir: string, files: ReadonlyMap<string, string>, marker: string): Promise<void> {
  const target = resolve(dir);
  const existing = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (existing && existing.length > 0 && !existing.includes(marker)) {
    throw new Error(`refusing to replace ${target}: it is not empty and holds no ${marker} from an earlier build`);
  }
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${target}.tmp-${suffix}`;
  try {
    for (const [rel, text] of files) {
      const path = pathInside(fresh, rel);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text, 'utf8');
    }
    await mkdir(fresh, { recursive: true });
    if (existing) {
      const old = `${target}.old-${suffix}`;
      await rename(target, old);
      await rename(fresh, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await rename(fresh, target);
    }
  } catch (err) {
    await rm(fresh, { recursive: true, force: true });
    throw err;
  }
}
