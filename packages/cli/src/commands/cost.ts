import {
  CostEstimateError,
  estimateCost,
  formatCount,
  formatMoney,
  indexCatalog,
  loadValidCatalog,
  SERVICE_TIERS,
  type ServiceTierName,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { renderTable } from '../table.ts';

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000 };

/** A token count as people write it: `1500`, `1_500`, `1,500`, `15k`, `1.2M`. */
export function parseTokenCount(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim().replace(/[_,]/g, ''));
  const value = m ? Number(m[1]) * (MULTIPLIERS[(m[2] ?? '').toLowerCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(Math.round(value)) || Math.abs(value - Math.round(value)) > 1e-9) {
    throw new CliError(`${flag} must be a whole number of tokens such as 1500, 15k or 1.2M (got "${raw}")`);
  }
  return Math.round(value);
}

// Not serving the model or bad input is a usage error; a missing price is a question the catalog cannot answer.
const EXIT_OF: Record<CostEstimateError['code'], number> = {
  'unknown-provider': EXIT.fatal,
  'not-served': EXIT.fatal,
  'bad-tokens': EXIT.fatal,
  disabled: EXIT.partial,
  'no-price': EXIT.partial,
  'no-tier': EXIT.partial,
  'mixed-currency': EXIT.partial,
};

interface CostOptions {
  input: string;
  output: string;
  cached?: string;
  tier?: string;
}

function parseTier(raw: string | undefined): ServiceTierName | undefined {
  if (raw === undefined) return undefined;
  const tier = SERVICE_TIERS.find((t) => t === raw.trim().toLowerCase());
  if (!tier) throw new CliError(`--tier must be one of ${SERVICE_TIERS.join(', ')} (got "${raw}")`);
  return tier;
}

async function showCost(ctx: CommandContext, provider: string, model: string, opts: CostOptions): Promise<void> {
  const request = {
    provider,
    model,
    input_tokens: parseTokenCount(opts.input, '--input'),
    output_tokens: parseTokenCount(opts.output, '--output'),
    ...(opts.cached !== undefined ? { cached_tokens: parseTokenCount(opts.cached, '--cached') } : {}),
  };
  const tier = parseTier(opts.tier);
  const { catalog } = await loadValidCatalog(ctx.dataDir);
  let estimate;
  try {
    estimate = estimateCost(indexCatalog(catalog), { ...request, ...(tier ? { tier } : {}) });
  } catch (err) {
    if (err instanceof CostEstimateError) throw new CliError(err.message, EXIT_OF[err.code]);
    throw err;
  }
  if (ctx.json) {
    ctx.printJson({ ...request, ...estimate });
    return;
  }
  const cached = request.cached_tokens ?? 0;
  const money = (n: number) => formatMoney(n, estimate.currency);
  ctx.io.stdout(
    renderTable(
      ['', 'tokens', 'cost'],
      [
        ['input', formatCount(request.input_tokens - cached), money(estimate.input)],
        ...(cached > 0 ? [['cached input', formatCount(cached), money(estimate.cache)]] : []),
        ['output', formatCount(request.output_tokens), money(estimate.output)],
        ['total', '', money(estimate.total)],
      ],
      { width: ctx.io.columns },
    ),
  );
  const priced = [
    estimate.tier ? `${estimate.tier} tier` : undefined,
    estimate.long_context_above === undefined ? undefined : `long-context prices (prompt over ${formatCount(estimate.long_context_above)} tokens)`,
  ].filter((p) => p !== undefined);
  if (priced.length > 0) ctx.info(`priced at the ${priced.join(', ')}`);
}

export function registerCost(program: Command, getContext: () => CommandContext): void {
  program
    .command('cost')
    .description('what one request costs at a provider, from the catalog prices')
    .argument('<provider>', 'provider id')
    .argument('<model>', "model id, alias, or the provider's own spelling")
    .requiredOption('--input <tokens>', 'input (prompt) tokens, cached ones included, e.g. 12000 or 12k')
    .option('--output <tokens>', 'output tokens', '0')
    .option('--cached <tokens>', 'how many of the input tokens were read from the prompt cache')
    .option('--tier <tier>', `price at a service tier: ${SERVICE_TIERS.join(', ')}`)
    .addHelpText(
      'after',
      '\nCached tokens are billed at the cache-read price when the catalog lists one, else at the input price.\n' +
        'A prompt longer than a long-context threshold bills the whole request at that tier\'s prices.\n' +
        'A model without a price, or without the asked service tier, is an error (exit 1), never a cost of 0.\n' +
        'Example: catalog cost openai gpt-4o --input 10k --cached 4k --output 500 --tier batch',
    )
    .action((provider: string, model: string, opts: CostOptions) => showCost(getContext(), provider, model, opts));
}
