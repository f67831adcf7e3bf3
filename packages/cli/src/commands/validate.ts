import { errorsOf, formatProblem, plural, validateDataDir } from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../errors.ts';

export function registerValidate(program: Command, getContext: () => CommandContext): void {
  program
    .command('validate')
    .description('check the data files: schema, references, duplicates, units and sanity')
    .addHelpText(
      'after',
      '\nErrors exit 1 and warnings do not. Each line names the file, the entry and the field.',
    )
    .action(async () => {
      const ctx = getContext();
      const problems = await validateDataDir(ctx.dataDir);
      const errors = errorsOf(problems);
      const warnings = problems.filter((p) => p.severity === 'warning');
      if (ctx.json) {
        ctx.printJson({ ok: errors.length === 0, errors: errors.length, warnings: warnings.length, problems });
      } else {
        for (const p of errors) ctx.error(`${ctx.color.red('error')} ${formatProblem(p)}`);
        for (const p of warnings) ctx.warn(`${ctx.color.yellow('warning')} ${formatProblem(p)}`);
        const summary = `${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')} in ${ctx.dataDir}`;
        if (errors.length > 0) ctx.error(summary);
        else ctx.info(`${ctx.color.green('ok')} ${summary}`);
      }
      if (errors.length > 0) ctx.setExitCode(EXIT.partial);
    });
}
