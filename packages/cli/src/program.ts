import { type CatalogProblem, CatalogLoadError, CatalogWriteError, formatProblem, LockHeldError } from '@llm-catalog/catalog';
import { Command, CommanderError, Option } from 'commander';
import { registerCommands } from './commands/index.ts';
import { type CliIo, type CommandContext, createContext, type GlobalOptions } from './context.ts';
import { CliError, EXIT } from './errors.ts';

export const PROGRAM_NAME = 'catalog';

/** Builds the commander program. `getContext` is valid inside any action. */
export function createProgram(io: CliIo): { program: Command; getContext: () => CommandContext } {
  const program = new Command(PROGRAM_NAME);
  let ctx: CommandContext | undefined;
  const getContext = () => {
    ctx ??= createContext(program.opts<GlobalOptions>(), io);
    return ctx;
  };
  program
    .description('A git-backed catalog of LLM providers and the models they serve.')
    .addOption(
      new Option('--data <dir>', 'data directory holding providers.json, models.json, overrides.json').env(
        'CATALOG_DATA_DIR',
      ),
    )
    .option('--json', 'print one JSON document on stdout and nothing else there')
    .option('-q, --quiet', 'print only errors')
    .option('--verbose', 'print more detail, and stack traces on unexpected errors')
    .option('--no-color', 'disable colors')
    .showHelpAfterError('(run with --help for usage)')
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

function describeFailure(err: unknown): FailureReport {
  if (err instanceof CatalogLoadError) {
    const problems = err.problems.filter((x) => x.severity === 'error');
    return {
      exitCode: EXIT.fatal,
      message: 'the catalog data is invalid; nothing was written',
      lines: [
        ...problems.map((p) => `error: ${formatProblem(p)}`),
        'nothing was written; fix the data files and run again (`pnpm validate` lists every problem)',
      ],
      problems,
    };
  }
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
    const failure = describeFailure(err);
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
