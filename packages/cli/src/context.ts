import pc from 'picocolors';
import { chooseDataDir, type DataDirSource } from './data-dir.ts';
import { CliError } from './errors.ts';

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
  /** Columns of the terminal, when stdout is one: tables are cut to fit. */
  columns?: number;
  /** The name the CLI was started as (`catalog` here, `llm-catalog` from npm), for hints. */
  programName?: string;
}

/**
 * Commands that only read the data files: outside a repository they may answer from the catalog
 * bundled with the package. Every other command needs a data directory it may write to.
 */
export const READ_ONLY_COMMANDS = new Set([
  'validate',
  'providers list',
  'providers show',
  'models list',
  'models show',
  'cost',
  'build',
  'test',
  'health',
  'normalize',
]);

export type Colors = ReturnType<typeof pc.createColors>;

/** What every command receives: resolved global options and where to print. */
export interface CommandContext {
  /**
   * The data directory, chosen on first use: --data, $CATALOG_DATA_DIR, the nearest data/ walking
   * up from the working directory, else (read-only commands) the bundled catalog, with a note.
   */
  readonly dataDir: string;
  /** How `dataDir` was chosen (undefined until it is). */
  readonly dataDirSource: DataDirSource | undefined;
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

/** `commandPath` is the running command's name below the program, e.g. `providers list`. */
export function createContext(opts: GlobalOptions, io: CliIo, commandPath = ''): CommandContext {
  let exitCode = 0;
  let dataDir: { dir: string; source: DataDirSource } | undefined;
  const json = Boolean(opts.json);
  const quiet = Boolean(opts.quiet);
  const colorEnabled =
    opts.color !== false && !json && io.isTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
  const ctx: CommandContext = {
    get dataDir() {
      if (!dataDir) {
        dataDir = chooseDataDir({
          flag: opts.data,
          env: io.env,
          cwd: io.cwd,
          allowBundled: READ_ONLY_COMMANDS.has(commandPath),
        });
        if (!dataDir) {
          throw new CliError(
            `no data directory: no data/ holding providers.json in ${io.cwd} or any parent; pass --data DIR or set CATALOG_DATA_DIR`,
          );
        }
        if (dataDir.source === 'bundled') {
          ctx.warn(`note: no data/ holding providers.json in ${io.cwd} or any parent; reading the bundled catalog (${dataDir.dir})`);
        }
      }
      return dataDir.dir;
    },
    get dataDirSource() {
      return dataDir?.source;
    },
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
  return ctx;
}
