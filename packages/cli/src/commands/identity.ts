import {
  type Catalog,
  findBaseModelId,
  indexCatalog,
  type LinkEdit,
  LinkEditError,
  linkSpelling,
  loadValidCatalog,
  plural,
  suggestLinks,
  unlinkSpelling,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { CliError } from '../errors.ts';
import { renderTable } from '../table.ts';

async function suggest(ctx: CommandContext) {
  const { catalog } = await loadValidCatalog(ctx.dataDir);
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

/** One edit of the links (and of the catalog, when a link folds a model) through the checked catalog edit. */
async function editLinks(
  ctx: CommandContext,
  spelling: string,
  model: string,
  change: (catalog: Catalog, spelling: string, modelId: string) => LinkEdit,
) {
  const trimmed = spelling.trim();
  if (trimmed === '') throw new CliError('SPELLING must not be empty');
  const { result: changes } = await editCatalog(ctx.dataDir, (catalog) => {
    const modelId = findBaseModelId(indexCatalog(catalog), model);
    if (!modelId) throw new CliError(`no model is known as "${model}" (see \`catalog models list\`)`);
    try {
      const edit = change(catalog, trimmed, modelId);
      return { catalog: edit.catalog, result: edit.changes };
    } catch (err) {
      if (err instanceof LinkEditError) throw new CliError(err.message);
      throw err;
    }
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
  const edits = [
    {
      name: 'link',
      description: 'say that SPELLING names MODEL (folds SPELLING into MODEL when it is a model of its own)',
      spelling: "any provider's spelling, or the id of a model that is really MODEL",
      model: 'the model it names: base id, alias or any linked spelling',
      change: linkSpelling,
    },
    {
      name: 'unlink',
      description: 'say that SPELLING does not name MODEL: removes your link, or stops a rule or source from linking them',
      spelling: "any provider's spelling",
      model: 'the model it does not name',
      change: unlinkSpelling,
    },
  ];
  for (const edit of edits) {
    identity
      .command(edit.name)
      .description(edit.description)
      .argument('<spelling>', edit.spelling)
      .argument('<model>', edit.model)
      .option('--reason <text>', 'the evidence, kept in links.json')
      .action((spelling: string, model: string, opts: EditOptions) =>
        editLinks(getContext(), spelling, model, (c, s, m) => edit.change(c, s, m, opts.reason?.trim() || undefined)),
      );
  }
}
