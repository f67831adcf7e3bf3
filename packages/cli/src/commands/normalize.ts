import { parseJsonText, plural, type TransformerName, TransformerNameSchema } from '@llm-catalog/catalog';
import { getTransformer, type TransformResult, UpstreamErrorBody } from '@llm-catalog/transformers';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { readBody, STDIN } from '../read-body.ts';

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
