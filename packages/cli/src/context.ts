import { resolve } from 'node:path';
import pc from 'picocolors';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is an interactive terminal (live progress allowed). */
  isTTY: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** What every command receives: resolved global options and where to print. */
export interface CommandContext {
  dataDir: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: Colors;
  io: CliIo;
  /** A line of human output on stdout (suppressed by --quiet and --json). */
  info: (line?: string) => void;
  /** A warning on stderr (suppressed by --quiet). */
  warn: (line: string) => void;
  /** A line on stderr that always prints (errors). */
  error: (line: string) => void;
  /** The single JSON document of --json mode. */
  printJson: (value: unknown) => void;
  /** Raises the process exit code (never lowers it: one failure anywhere makes the run fail). */
  setExitCode: (code: number) => void;
  readonly exitCode: number;
}

export function createContext(opts: GlobalOptions, io: CliIo): CommandContext {
  let exitCode = 0;
  const json = Boolean(opts.json);
  const quiet = Boolean(opts.quiet);
  const colorEnabled =
    opts.color !== false && !json && io.isTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
  return {
    // An empty value (`CATALOG_DATA_DIR=` in .env) means unset, not the current directory.
    dataDir: resolve(io.cwd, opts.data || io.env.CATALOG_DATA_DIR || 'data'),
    json,
    quiet,
    verbose: Boolean(opts.verbose),
    color: pc.createColors(colorEnabled),
    io,
    info: (line = '') => {
      if (!json && !quiet) io.stdout(`${line}\n`);
    },
    warn: (line) => {
      if (!quiet) io.stderr(`${line}\n`);
    },
    error: (line) => io.stderr(`${line}\n`),
    printJson: (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
    get exitCode() {
      return exitCode;
    },
  };
}
