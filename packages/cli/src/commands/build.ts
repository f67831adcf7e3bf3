import {
  buildResolvedCatalog,
  buildStaticApi,
  type Catalog,
  type DataFileKind,
  loadValidCatalog,
  newestVersion,
  plural,
  replaceDirectory,
  stableJson,
  type StaticApiIndex,
  writeFileAtomic,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { outputPathOutsideData } from '../output-path.ts';

export const DEFAULT_BUILD_OUT = 'dist/catalog.json';

async function writeResolvedCatalog(ctx: CommandContext, catalog: Catalog, version: string, outOption: string) {
  const out = outputPathOutsideData(ctx, outOption, '--out');
  const built = buildResolvedCatalog(catalog, version);
  const text = stableJson(built);
  await writeFileAtomic(out, text);
  const providers = Object.keys(built.providers).length;
  const offerings = Object.values(built.providers).reduce((n, p) => n + Object.keys(p.models).length, 0);
  if (ctx.json) ctx.printJson({ out, version, providers, offerings, bytes: Buffer.byteLength(text) });
  else ctx.info(`wrote ${out}: ${plural(providers, 'provider')}, ${plural(offerings, 'offering')} (version ${version})`);
}

async function writeApiDirectory(ctx: CommandContext, catalog: Catalog, versions: Partial<Record<DataFileKind, string>>, dirOption: string) {
  const dir = outputPathOutsideData(ctx, dirOption, '--api');
  const files = buildStaticApi(catalog, versions);
  try {
    await replaceDirectory(dir, files, 'index.json');
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const index = JSON.parse(files.get('index.json') as string) as StaticApiIndex;
  const bytes = [...files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
  if (ctx.json) ctx.printJson({ dir, version: index.version, files: files.size, bytes, ...index.counts });
  else {
    const { providers, models, offerings } = index.counts;
    ctx.info(
      `wrote ${dir}: ${plural(files.size, 'file')}; ${plural(providers, 'provider')}, ${plural(models, 'model')}, ${plural(offerings, 'offering')} (version ${index.version})`,
    );
  }
}

export function registerBuild(program: Command, getContext: () => CommandContext): void {
  program
    .command('build')
    .description('write the resolved catalog as one JSON file, or with --api as a static JSON API directory')
    .option('--out <file>', 'where to write the single file', DEFAULT_BUILD_OUT)
    .option('--api <dir>', 'write a static JSON API to this directory instead (replacing an earlier build there)')
    .addHelpText(
      'after',
      '\nThe single file maps provider -> models with effective values, for consumers in other languages.\n' +
        'The --api directory is for a CDN: api.json (everything), providers/<id>.json, models/<id>.json\n' +
        '(who serves the model, with prices), index.json (versions, counts, file names) and schema/.\n' +
        'Ids are encoded in file names: a-z 0-9 _ - . stay, any other byte becomes ~ and two hex digits.\n' +
        'The same data gives byte-identical output; nothing is written when the data is invalid.',
    )
    .action(async (opts: { out: string; api?: string }) => {
      const ctx = getContext();
      const { catalog, files } = await loadValidCatalog(ctx.dataDir);
      const versions: Partial<Record<DataFileKind, string>> = {};
      for (const [kind, file] of Object.entries(files) as [DataFileKind, { version?: string }][]) {
        if (file.version) versions[kind] = file.version;
      }
      // The newest data file dates the build, so rebuilding unchanged data changes nothing.
      if (opts.api !== undefined) await writeApiDirectory(ctx, catalog, versions, opts.api);
      else await writeResolvedCatalog(ctx, catalog, newestVersion(versions), opts.out);
    });
}
