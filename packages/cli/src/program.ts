import { type CatalogProblem, CatalogLoadError, CatalogWriteError, errorsOf, formatProblem, LockHeldError } from '@llm-catalog/catalog';
import { Command, CommanderError, Help, Option } from 'commander';
import { registerCommands } from './commands/index.ts';
import { type CliIo, type CommandContext, createContext, type GlobalOptions } from './context.ts';
import { type DataDirSource, describeDataDirSource } from './data-dir.ts';
import { CliError, EXIT } from './errors.ts';
import { cliVersion } from './version.ts';

export const PROGRAM_NAME = 'catalog';

/** Builds the commander program. `getContext` is valid inside any action. */
export function createProgram(io: CliIo): { program: Command; getContext: () => CommandContext } {
  const program = new Command(PROGRAM_NAME);
  let ctx: CommandContext | undefined;
  let commandPath = '';
  const getContext = () => {
    ctx ??= createContext(program.opts<GlobalOptions>(), io, commandPath);
    return ctx;
  };
  program
    .description('A git-backed catalog of LLM providers and the models they serve.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .addOption(
      new Option(
        '--data <dir>',
        'data directory holding providers.json, models.json, overrides.json (default: $CATALOG_DATA_DIR, else the nearest data/ walking up, else the bundled catalog for read-only commands)',
      ),
    )
    .option('--json', 'print one JSON document on stdout and nothing else there')
    .option('-q, --quiet', 'print only errors')
    .option('--verbose', 'print more detail, and stack traces on unexpected errors')
    .option('--no-color', 'disable colors')
    .showHelpAfterError('(run with --help for usage)')
    // Commander enforces required options but its help does not say which they are; every command inherits this.
    .configureHelp({
      optionDescription(this: Help, option: Option) {
        const description = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${description} (required)` : description;
      },
    })
    .hook('preAction', (_program, action) => {
      const names: string[] = [];
      for (let c: Command | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
      commandPath = names.join(' ');
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });
  registerCommands(program, getContext);
  return { program, getContext };
}

/** What a failed run reports: one-line messages for stderr, and the same facts for `--json`. */
interface FailureReport {
  exitCode: number;
  lines: string[];
  message: string;
  problems?: CatalogProblem[];
  /** Printed only with --verbose: an unexpected error's stack. */
  stack?: string;
}

/** What the hints of a failure name: the data directory as chosen, and how to run `validate` on it. */
interface FailureHints {
  programName: string;
  dataDir?: { dir: string; source: DataDirSource };
}

function describeLoadFailure(err: CatalogLoadError, hints: FailureHints): FailureReport {
  const problems = errorsOf(err.problems);
  const from = hints.dataDir ? ` (${describeDataDirSource(hints.dataDir.source)})` : '';
  if (problems.length > 0 && problems.every((p) => p.code === 'missing-data-dir')) {
    return {
      exitCode: EXIT.fatal,
      message: `${problems[0]?.file}: data directory not found${from}`,
      lines: [
        ...problems.map((p) => `error: ${p.file}: data directory not found${from}`),
        'pass --data DIR or set CATALOG_DATA_DIR to a directory holding providers.json, models.json and overrides.json',
      ],
      problems,
    };
  }
  const validate = hints.dataDir
    ? `${hints.programName} validate --data ${hints.dataDir.dir}`
    : `${hints.programName} validate`;
  return {
    exitCode: EXIT.fatal,
    message: 'the catalog data is invalid; nothing was written',
    lines: [
      ...problems.map((p) => `error: ${formatProblem(p)}`),
      `nothing was written; fix the data files and run again (\`${validate}\` lists every problem)`,
    ],
    problems,
  };
}

function describeFailure(err: unknown, hints: FailureHints): FailureReport {
  if (err instanceof CatalogLoadError) return describeLoadFailure(err, hints);
  if (err instanceof CliError || err instanceof LockHeldError || err instanceof CatalogWriteError) {
    return {
      exitCode: err instanceof CliError ? err.exitCode : EXIT.fatal,
      message: err.message,
      lines: [`error: ${err.message}`],
      ...(err.stack ? { stack: err.stack } : {}),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    exitCode: EXIT.fatal,
    message,
    lines: [`error: ${message}`],
    stack: err instanceof Error && err.stack ? err.stack : '(no stack)',
  };
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: string[], cliIo: CliIo): Promise<number> {
  let printedToStdout = false;
  const io: CliIo = {
    ...cliIo,
    stdout: (s) => {
      printedToStdout = true;
      cliIo.stdout(s);
    },
  };
  const { program, getContext } = createProgram(io);
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return getContext().exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.fatal;
    }
    const context = getContext();
    const source = context.dataDirSource;
    const failure = describeFailure(err, {
      programName: io.programName ?? PROGRAM_NAME,
      ...(source ? { dataDir: { dir: context.dataDir, source } } : {}),
    });
    for (const line of failure.lines) io.stderr(`${line}\n`);
    if (failure.stack && verbose) io.stderr(`${failure.stack}\n`);
    else if (failure.stack && !(err instanceof CliError || err instanceof LockHeldError || err instanceof CatalogWriteError)) {
      io.stderr('(run with --verbose for details)\n');
    }
    // --json promises one document on stdout, failures included, so scripts never parse an empty
    // string; a command that already printed its own document (with its failure in it) keeps it alone.
    if (json && !printedToStdout) {
      const error = { message: failure.message, exit_code: failure.exitCode, ...(failure.problems ? { problems: failure.problems } : {}) };
      io.stdout(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    }
    return failure.exitCode;
  }
}
