/** How the browser tests and the benchmark run the real `catalog serve` and Debian's Chromium. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { catalogCliArgv } from './repo.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** No GPU, no sandbox (containers), and nothing that reaches the network on its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ServeProcess {
  url: string;
  /** The printed link that hands the browser its token. */
  openUrl: string;
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `catalog --data DIR serve --port 0` with only `env` (plus PATH and HOME) and waits for its URL. */
export async function startServeProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const [node = process.execPath, ...args] = catalogCliArgv();
  const child = spawn(node, [...args, '--data', dataDir, '--json', 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ url: string; open_url: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve(JSON.parse(out) as { url: string; open_url: string });
      } catch {
        // The JSON document is still arriving.
      }
    });
    child.once('exit', (code) => reject(new Error(`catalog serve exited ${code}: ${stderr}`)));
  });
  return {
    url: started.url,
    openUrl: started.open_url,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Chromium with a fresh profile that is deleted when the context closes. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'llm-catalog-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1200, height: 760 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
