import type { ProviderKey, SyncProgressEvent, SyncProgressListener } from '@llm-catalog/sync';
import type { CommandContext } from '../context.ts';

/** How often the live status line is redrawn on a terminal. */
const TICK_MS = 100;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Kept under 80 columns so the line never wraps, which would break redrawing it in place. */
const MAX_STATUS_CHARS = 76;
const CLEAR_LINE = '\r\x1b[2K';

export const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The key check printed before any request: variable names only, never a value. */
export function describeKeys(keys: readonly ProviderKey[]): string[] {
  const found = [...new Set(keys.filter((k) => k.status === 'found').map((k) => k.envVar))];
  const missing = keys.filter((k) => k.status === 'missing');
  const keyless = keys.filter((k) => k.status === 'not-needed').map((k) => k.providerId);
  const lines = [`keys found: ${found.length > 0 ? found.join(', ') : 'none'}`];
  if (missing.length > 0) {
    lines.push(`keys missing (skipped): ${missing.map((k) => `${k.envVar} (${k.providerId})`).join(', ')}`);
  }
  if (keyless.length > 0) lines.push(`no key needed: ${keyless.join(', ')}`);
  return lines;
}

export interface SyncProgressDisplay {
  listener: SyncProgressListener;
  /** Removes the live status line; call before printing anything else. */
  finish: () => void;
}

/**
 * Shows a run while it works. Each finished provider gets a permanent line
 * (`groq: fetched 14 models in 0.4s`); on a terminal, one status line under them is redrawn in place
 * with the providers still running. Off a terminal (CI, pipes) only the permanent lines are printed.
 * Silent under --quiet and --json.
 */
export function createSyncProgress(ctx: CommandContext, now: () => number = Date.now): SyncProgressDisplay {
  if (ctx.quiet || ctx.json) return { listener: () => undefined, finish: () => undefined };
  const { color } = ctx;
  const live = ctx.io.isTTY;
  const running = new Map<string, number>();
  let total = 0;
  let done = 0;
  let frame = 0;
  let statusShown = false;
  let timer: NodeJS.Timeout | undefined;
  const startedAt = now();

  const statusLine = () => {
    const names = [...running.keys()];
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
    const text = `${done}/${total} done · ${shown} · ${formatSeconds(now() - startedAt)}`;
    const clipped = text.length > MAX_STATUS_CHARS ? `${text.slice(0, MAX_STATUS_CHARS - 1)}…` : text;
    return `${color.cyan(SPINNER[frame % SPINNER.length] ?? '')} ${clipped}`;
  };
  const redraw = () => {
    if (!live) return;
    if (running.size === 0) {
      if (statusShown) ctx.io.stdout(CLEAR_LINE);
      statusShown = false;
      return;
    }
    ctx.io.stdout(`${CLEAR_LINE}${statusLine()}`);
    statusShown = true;
  };
  const print = (line: string) => {
    ctx.io.stdout(`${live && statusShown ? CLEAR_LINE : ''}${line}\n`);
    statusShown = false;
    redraw();
  };

  const listener = (event: SyncProgressEvent) => {
    switch (event.type) {
      case 'keys':
        total = event.keys.filter((k) => k.status !== 'missing').length;
        for (const line of describeKeys(event.keys)) print(line);
        if (live && total > 0 && !timer) {
          timer = setInterval(() => {
            frame += 1;
            redraw();
          }, TICK_MS);
          timer.unref();
        }
        break;
      case 'fetch-start':
        running.set(event.providerId, now());
        redraw();
        break;
      case 'fetch-retry':
        print(
          color.yellow(`${event.providerId}: retry ${event.attempt} in ${formatSeconds(event.delayMs)} (${event.reason})`),
        );
        break;
      case 'fetch-done': {
        running.delete(event.providerId);
        done += 1;
        const skipped = event.warnings > 0 ? color.yellow(` (${event.warnings} warning${event.warnings === 1 ? '' : 's'})`) : '';
        const noun = event.fetched === 1 ? 'model' : 'models';
        print(`${event.providerId}: fetched ${event.fetched} ${noun} in ${formatSeconds(event.durationMs)}${skipped}`);
        break;
      }
      case 'fetch-failed':
        running.delete(event.providerId);
        done += 1;
        print(color.red(`${event.providerId}: failed after ${formatSeconds(event.durationMs)}: ${event.error}`));
        break;
    }
  };
  return {
    listener,
    finish: () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      running.clear();
      redraw();
    },
  };
}
