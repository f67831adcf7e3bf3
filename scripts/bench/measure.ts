/** Runs a command as a child process and measures its wall time and peak resident memory. */
import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  wallMs: number;
  /** Peak resident set size of the process and its children, in KiB; undefined when unmeasurable. */
  peakRssKiB?: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** How peak memory is measured here: `/usr/bin/time`, polling `/proc`, or not at all. */
export async function rssMethod(): Promise<'time' | 'proc' | 'none'> {
  if (await executable(GNU_TIME)) return 'time';
  if (await access('/proc/self/status').then(() => true, () => false)) return 'proc';
  return 'none';
}

/** The high-water mark of resident memory of a process and its live descendants, from /proc. */
async function procTreeHighWaterKiB(pid: number): Promise<number> {
  let total = 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  total += Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(/\s+/).filter(Boolean)) total = Math.max(total, await procTreeHighWaterKiB(Number(child)));
  return total;
}

export async function measureCommand(argv: readonly string[], options: MeasureOptions): Promise<Measurement> {
  const method = await rssMethod();
  const scratch = method === 'time' ? await mkdtemp(join(tmpdir(), 'llm-catalog-measure-')) : undefined;
  const rssFile = scratch ? join(scratch, 'rss') : undefined;
  const [command, ...args] = rssFile ? [GNU_TIME, '-f', '%M', '-o', rssFile, '--', ...argv] : argv;
  if (!command) throw new Error('measureCommand needs a command');

  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  let polledKiB = 0;
  const poll =
    method === 'proc' && child.pid !== undefined
      ? setInterval(() => {
          void procTreeHighWaterKiB(child.pid as number).then((kib) => (polledKiB = Math.max(polledKiB, kib)));
        }, 20)
      : undefined;

  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);

  let peakRssKiB: number | undefined;
  if (rssFile && scratch) {
    // time(1) prints "Command exited with non-zero status N" before the figure when the command fails.
    const lines = (await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n');
    const kib = Number(lines.at(-1));
    peakRssKiB = Number.isFinite(kib) && kib > 0 ? kib : undefined;
    await rm(scratch, { recursive: true, force: true });
  } else if (method === 'proc') {
    peakRssKiB = polledKiB > 0 ? polledKiB : undefined;
  }
  return { wallMs, exitCode, stdout, stderr, ...(peakRssKiB !== undefined ? { peakRssKiB } : {}) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
