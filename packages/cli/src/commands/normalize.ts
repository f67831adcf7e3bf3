import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText, TransformerNameSchema, type TransformerName } from '@llm-catalog/catalog';
import { getTransformer, type TransformResult, UpstreamErrorBody } from '@llm-catalog/transformers';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { plural } from '../format.ts';

const STDIN = '-';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readBody(file: string, cwd: string): Promise<string> {
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

/** The result as printed: the models and warnings, and the next page only when there is one. */
function document(result: TransformResult): Record<string, unknown> {
  return {
    models: result.models,
    warnings: result.warnings,
    ...(result.nextPage ? { nextPage: result.nextPage } : {}),
  };
}

export function registerNormalize(program: Command, getContext: () => CommandContext): void {
  program
    .command('normalize')
    .description('print the normalized models of one raw list-models body (debugging, and what tests pin)')
    .addOption(
      new Option('--transformer <name>', 'the body format').choices(TransformerNameSchema.options).makeOptionMandatory(),
    )
    .argument('[file]', `the body as saved from the provider; "${STDIN}" or nothing reads stdin`, STDIN)
    .addHelpText(
      'after',
      '\nPrints one JSON document: { models, warnings, nextPage? }. A skipped entry is a warning with\n' +
        '"skipped": true. Exit 1 when the body is an error the provider sent instead of a list, 2 for an\n' +
        'unreadable file or invalid JSON.\n' +
        'Example: curl -s https://openrouter.ai/api/v1/models | catalog normalize --transformer openrouter -',
    )
    .action(async (file: string, opts: { transformer: TransformerName }) => {
      const ctx = getContext();
      const label = file === STDIN ? 'stdin' : file;
      const parsed = parseJsonText(await readBody(file, ctx.io.cwd));
      if (!parsed.ok) throw new CliError(`${label}: ${parsed.message}`);
      let result: TransformResult;
      try {
        result = getTransformer(opts.transformer)(parsed.value);
      } catch (err) {
        if (err instanceof UpstreamErrorBody) throw new CliError(`${label}: ${err.message}`, EXIT.partial);
        throw err;
      }
      ctx.printJson(document(result));
      if (!ctx.json) {
        const skipped = result.warnings.filter((w) => w.skipped).length;
        ctx.warn(
          `${label}: ${plural(result.models.length, 'model')}, ${plural(result.warnings.length, 'warning')} (${plural(skipped, 'entry', 'entries')} skipped)`,
        );
      }
    });
}
