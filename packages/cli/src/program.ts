import { CatalogLoadError, formatProblem, LockHeldError } from '@llm-catalog/catalog';
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

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { program, getContext } = createProgram(io);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return getContext().exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.fatal;
    }
    if (err instanceof CatalogLoadError) {
      for (const p of err.problems.filter((x) => x.severity === 'error')) io.stderr(`error: ${formatProblem(p)}\n`);
      io.stderr('nothing was written; fix the data files and run again (`pnpm validate` lists every problem)\n');
      return EXIT.fatal;
    }
    if (err instanceof CliError || err instanceof LockHeldError) {
      io.stderr(`error: ${err.message}\n`);
      if (verbose && err.stack) io.stderr(`${err.stack}\n`);
      return err instanceof CliError ? err.exitCode : EXIT.fatal;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`error: ${message}\n`);
    if (verbose && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    else io.stderr('(run with --verbose for details)\n');
    return EXIT.fatal;
  }
}
