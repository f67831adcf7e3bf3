import { spawn } from 'node:child_process';
import { DEFAULT_HOST, DEFAULT_PORT } from '@llm-catalog/serve/defaults';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';

interface ServeCommandOptions {
  port: string;
  host: string;
  token?: string;
  open?: boolean;
}

function parsePort(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535) throw new CliError(`--port must be a whole number from 0 to 65535, got "${raw}"`);
  return n;
}

/** Opens the URL in the person's browser; a machine without one only gets a note. */
function openBrowser(ctx: CommandContext, url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => ctx.warn(`note: could not open a browser (${command}); open the URL above by hand`));
  child.unref();
}

export function registerServe(program: Command, getContext: () => CommandContext): void {
  program
    .command('serve')
    .description('a local web UI and REST API over the catalog: providers with live sync, model search, price history, pending changes')
    .option('--port <n>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to bind; anything but loopback needs --token', DEFAULT_HOST)
    .option('--token <token>', 'the token changes need (default: a fresh random one per run)')
    .option('--open', 'open the web UI in the default browser')
    .addHelpText(
      'after',
      '\nReads and writes the same data directory as every other command, under the same lock. Changes\n' +
        '(sync, add, edit, enable, disable) need the per-run token, which the printed URL hands to the\n' +
        'browser as a cookie, and must come from the server\'s own pages. No answer ever holds a key.\n' +
        'The API is described at /api/openapi.json. Runs until Ctrl-C.',
    )
    .action(async (opts: ServeCommandOptions) => {
      const ctx = getContext();
      const port = parsePort(opts.port);
      // Loaded here, not at the top: the web server (and Node's fetch stack under it) would otherwise
      // be part of every command's start.
      const { ServeOptionsError, startServer } = await import('@llm-catalog/serve');
      let server;
      try {
        server = await startServer({
          dataDir: ctx.dataDir,
          env: ctx.io.env,
          host: opts.host,
          port,
          ...(opts.token !== undefined ? { token: opts.token } : {}),
          logError: (err) => ctx.error(`error: ${err instanceof Error ? (ctx.verbose ? (err.stack ?? err.message) : err.message) : String(err)}`),
        });
      } catch (err) {
        if (err instanceof ServeOptionsError) throw new CliError(err.message);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliError(`port ${port} on ${opts.host} is in use: pass --port (0 picks a free one)`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`cannot bind ${opts.host}: not an address of this machine`);
        throw err;
      }
      if (ctx.json) ctx.printJson({ url: server.url, open_url: server.openUrl, data: ctx.dataDir });
      ctx.info(`catalog serve: ${server.url} (data: ${ctx.dataDir})`);
      ctx.info(`open ${server.openUrl}`);
      ctx.info('changes need the token in that link (it becomes a cookie); Ctrl-C stops the server');
      if (opts.open) openBrowser(ctx, server.openUrl);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
