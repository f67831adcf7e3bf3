/** Exit codes of every command (docs/data-contract.md). */
export const EXIT = {
  ok: 0,
  /** Some work failed; what succeeded is still written. */
  partial: 1,
  /** Usage error or fatal: bad data files, lock held; nothing written. */
  fatal: 2,
} as const;

/** An error meant for the person at the terminal: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.fatal,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
