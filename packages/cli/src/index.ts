export { createProgram, runCli } from './program.ts';
export { CliError, EXIT } from './errors.ts';
export type { CliIo, CommandContext } from './context.ts';
