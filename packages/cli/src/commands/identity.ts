import {
  catalogErrors,
  CatalogLoadError,
  checkIntegrity,
  findBaseModelId,
  formatProblem,
  indexCatalog,
  type LinkEdit,
  LinkEditError,
  linkSpelling,
  readCatalog,
  suggestLinks,
  unlinkSpelling,
  withDataLock,
  writeCatalog,
  writeLinks,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError, EXIT } from '../errors.ts';
import { plural } from '../format.ts';
import { renderTable } from '../table.ts';

async function suggest(ctx: CommandContext) {
  const { catalog } = await readCatalog(ctx.dataDir);
  const proposals = suggestLinks(catalog);
  if (ctx.json) {
    ctx.printJson({ proposals });
    return;
  }
  ctx.io.stdout(renderTable(['spelling', 'would link to', 'evidence'], proposals.map((p) => [p.spelling, p.model_id, p.evidence.join('; ')])));
  ctx.info(`${plural(proposals.length, 'proposal')}; accept one with \`catalog identity link SPELLING MODEL\`, reject it with \`catalog identity unlink SPELLING MODEL\``);
}

interface EditOptions {
  reason?: string;
}

/**
 * One edit of the links (and, when a link folds a model, of the catalog) under the data lock: read,
 * change, check the whole result, then write only what changed. Nothing is written on any error.
 */
async function editLinks(
  ctx: CommandContext,
  spelling: string,
  model: string,
  change: (catalog: Parameters<typeof linkSpelling>[0], spelling: string, modelId: string) => LinkEdit,
) {
  const trimmed = spelling.trim();
  if (trimmed === '') throw new CliError('SPELLING must not be empty');
  const changes = await withDataLock(ctx.dataDir, async () => {
    const { catalog, files } = await readCatalog(ctx.dataDir);
    const before = checkIntegrity(catalog).filter((p) => p.severity === 'error');
    if (before.length > 0) throw new CatalogLoadError(before);
    const modelId = findBaseModelId(indexCatalog(catalog), model);
    if (!modelId) throw new CliError(`no model is known as "${model}" (see \`catalog models list\`)`);
    let edit: LinkEdit;
    try {
      edit = change(catalog, trimmed, modelId);
    } catch (err) {
      if (err instanceof LinkEditError) throw new CliError(err.message);
      throw err;
    }
    const problems = catalogErrors(edit.catalog);
    if (problems.length > 0) {
      throw new CliError(
        `the change would leave the catalog invalid; nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
        EXIT.fatal,
      );
    }
    await writeCatalog(ctx.dataDir, edit.catalog, files);
    await writeLinks(ctx.dataDir, edit.catalog.links ?? [], files.links);
    return edit.changes;
  });
  if (ctx.json) ctx.printJson({ changes });
  else for (const line of changes) ctx.info(line);
}

export function registerIdentity(program: Command, getContext: () => CommandContext): void {
  const identity = program
    .command('identity')
    .description("which provider spellings name one model: proposals, and a person's links (data/links.json)");
  identity
    .command('suggest')
    .description('look-alike models nothing links yet, with the evidence, for a person to accept or reject')
    .action(() => suggest(getContext()));
  identity
    .command('link')
    .description('say that SPELLING names MODEL (folds SPELLING into MODEL when it is a model of its own)')
    .argument('<spelling>', "any provider's spelling, or the id of a model that is really MODEL")
    .argument('<model>', 'the model it names: base id, alias or any linked spelling')
    .option('--reason <text>', 'the evidence, kept in links.json')
    .action((spelling: string, model: string, opts: EditOptions) =>
      editLinks(getContext(), spelling, model, (c, s, m) => linkSpelling(c, s, m, opts.reason?.trim() || undefined)),
    );
  identity
    .command('unlink')
    .description('say that SPELLING does not name MODEL: removes your link, or stops a rule or source from linking them')
    .argument('<spelling>', "any provider's spelling")
    .argument('<model>', 'the model it does not name')
    .option('--reason <text>', 'the evidence, kept in links.json')
    .action((spelling: string, model: string, opts: EditOptions) =>
      editLinks(getContext(), spelling, model, (c, s, m) => unlinkSpelling(c, s, m, opts.reason?.trim() || undefined)),
    );
}
