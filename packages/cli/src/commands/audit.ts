import {
  auditCatalog,
  auditHeadline,
  formatDisagreement,
  parseThresholds,
  loadValidCatalog,
  THRESHOLD_SYNTAX,
  thresholdBreaches,
  type AuditThresholds,
} from '@llm-catalog/catalog';
import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../errors.ts';

const thresholds = (raw: string): AuditThresholds => {
  try {
    return parseThresholds(raw);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

const wholeNumber = (raw: string): number => {
  if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError(`expected a whole number, got "${raw}"`);
  return Number(raw);
};

export function registerAudit(program: Command, getContext: () => CommandContext): void {
  program
    .command('audit')
    .description('list every fact two or more sources state differently for the same offering')
    .option('--fail-on <thresholds>', `exit 1 when the disagreements exceed these: ${THRESHOLD_SYNTAX}`, thresholds)
    .option('--limit <n>', 'print only the first n disagreements (all are counted)', wholeNumber)
    .addHelpText(
      'after',
      `
Each source (the provider's own list, models.dev, LiteLLM) keeps its own statement of an offering;
the catalog serves the highest-precedence one (docs/sources.md) and this lists where they differ:
prices more than 1 % apart, a price in two currencies, limits, capability lists. Most impact first:
suspected unit mistakes (values about 1,000 or 1,000,000 apart) and currency mistakes (about an
exchange rate apart), then currency, price, limit and capability disagreements by how far apart.

Example for CI: catalog audit --fail-on suspect,price:200 --limit 20`,
    )
    .action(async (opts: { failOn?: AuditThresholds; limit?: number }) => {
      const ctx = getContext();
      const { catalog } = await loadValidCatalog(ctx.dataDir);
      const disagreements = auditCatalog(catalog);
      const breaches = opts.failOn ? thresholdBreaches(disagreements, opts.failOn) : [];
      const shown = opts.limit === undefined ? disagreements : disagreements.slice(0, opts.limit);
      if (ctx.json) {
        ctx.printJson({ total: disagreements.length, disagreements: shown, ...(opts.failOn ? { breaches } : {}) });
      } else {
        ctx.info(auditHeadline(disagreements));
        for (const d of shown) ctx.info(formatDisagreement(d));
        if (shown.length < disagreements.length) ctx.info(`... and ${disagreements.length - shown.length} more`);
        for (const b of breaches) ctx.error(`${ctx.color.red('fail')} ${b}`);
      }
      if (breaches.length > 0) ctx.setExitCode(EXIT.partial);
    });
}
