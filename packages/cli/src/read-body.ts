import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText } from '@llm-catalog/catalog';
import { CliError } from './errors.ts';

/** The argument that means "read standard input". */
export const STDIN = '-';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of a recorded body: a file, or stdin for `-`. */
export async function readBody(file: string, cwd: string): Promise<string> {
  if (file === STDIN) {
    // Nothing was piped in: waiting on a terminal would look like a hang.
    if (process.stdin.isTTY) throw new CliError('no FILE given and stdin is a terminal; pass a file or pipe a body in');
    return readStdin();
  }
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new CliError(`${file}: cannot read: ${reason}`);
  }
}

/** A recorded JSON body, parsed; a file that is not JSON is a usage error naming the file and place. */
export async function readJsonBody(file: string, cwd: string): Promise<unknown> {
  const parsed = parseJsonText(await readBody(file, cwd));
  if (!parsed.ok) throw new CliError(`${file === STDIN ? 'stdin' : file}: ${parsed.message}`);
  return parsed.value;
}
