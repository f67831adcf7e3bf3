import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { registerValidate } from './validate.ts';

/** Every command of the CLI. Each module only parses its flags and calls the packages. */
export function registerCommands(program: Command, getContext: () => CommandContext): void {
  registerValidate(program, getContext);
}
