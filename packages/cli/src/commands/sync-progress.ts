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

type Color = CommandContext['color'];

/** The permanent line a retried, fetched or failed provider gets; undefined for the other events. */
function eventLine(event: SyncProgressEvent, color: Color): string | undefined {
  switch (event.type) {
    case 'fetch-retry':
      return color.yellow(`${event.providerId}: retry ${event.attempt} in ${formatSeconds(event.delayMs)} (${event.reason})`);
    case 'fetch-done': {
      const skipped = event.warnings > 0 ? color.yellow(` (${event.warnings} warning${event.warnings === 1 ? '' : 's'})`) : '';
      const noun = event.fetched === 1 ? 'model' : 'models';
      return `${event.providerId}: fetched ${event.fetched} ${noun} in ${formatSeconds(event.durationMs)}${skipped}`;
    }
    case 'fetch-failed':
      return color.red(`${event.providerId}: failed after ${formatSeconds(event.durationMs)}: ${event.error}`);
    case 'recheck':
      return color.yellow(`the merged result would not validate (${event.problem}); reading every list again to check each provider`);
    default:
      return undefined;
  }
}

/** The one status line under the permanent lines, redrawn in place on a terminal. */
class StatusLine {
  readonly running = new Map<string, number>();
  total = 0;
  done = 0;
  private frame = 0;
  private shown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: number;

  constructor(
    private readonly ctx: CommandContext,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  private text(): string {
    const names = [...this.running.keys()];
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
    const text = `${this.done}/${this.total} done · ${shown} · ${formatSeconds(this.now() - this.startedAt)}`;
    const clipped = text.length > MAX_STATUS_CHARS ? `${text.slice(0, MAX_STATUS_CHARS - 1)}…` : text;
    return `${this.ctx.color.cyan(SPINNER[this.frame % SPINNER.length] ?? '')} ${clipped}`;
  }

  redraw(): void {
    if (!this.ctx.io.isTTY) return;
    if (this.running.size === 0) {
      if (this.shown) this.ctx.io.stdout(CLEAR_LINE);
      this.shown = false;
      return;
    }
    this.ctx.io.stdout(`${CLEAR_LINE}${this.text()}`);
    this.shown = true;
  }

  /** A permanent line above the status line. */
  print(line: string): void {
    this.ctx.io.stdout(`${this.ctx.io.isTTY && this.shown ? CLEAR_LINE : ''}${line}\n`);
    this.shown = false;
    this.redraw();
  }

  startTicking(): void {
    if (!this.ctx.io.isTTY || this.total === 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.frame += 1;
      this.redraw();
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.running.clear();
    this.redraw();
  }
}

/**
 * Shows a run while it works. Each finished provider gets a permanent line
 * (`groq: fetched 14 models in 0.4s`); on a terminal, one status line under them is redrawn in place
 * with the providers still running. Off a terminal (CI, pipes) only the permanent lines are printed.
 * Silent under --quiet and --json.
 */
export function createSyncProgress(ctx: CommandContext, now: () => number = Date.now): SyncProgressDisplay {
  if (ctx.quiet || ctx.json) return { listener: () => undefined, finish: () => undefined };
  const status = new StatusLine(ctx, now);
  const listener = (event: SyncProgressEvent) => {
    if (event.type === 'keys') {
      status.total = event.keys.filter((k) => k.status !== 'missing').length;
      for (const line of describeKeys(event.keys)) status.print(line);
      status.startTicking();
      return;
    }
    if (event.type === 'fetch-start') status.running.set(event.providerId, now());
    if (event.type === 'fetch-done' || event.type === 'fetch-failed') {
      status.running.delete(event.providerId);
      status.done += 1;
    }
    const line = eventLine(event, ctx.color);
    if (line === undefined) status.redraw();
    else status.print(line);
  };
  return { listener, finish: () => status.stop() };
}
