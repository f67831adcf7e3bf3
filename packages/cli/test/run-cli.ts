/** Runs the CLI in-process for its tests. */
import { runCli } from '../src/program.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output; `env` replaces the environment entirely. */
export async function runCliCaptured(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; isTTY?: boolean; columns?: number; programName?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? false,
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.programName ? { programName: options.programName } : {}),
  });
  return { code, stdout, stderr };
}
