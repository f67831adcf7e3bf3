import {
  buildResolvedCatalog,
  CatalogLoadError,
  checkIntegrity,
  readCatalog,
  stableJson,
  writeFileAtomic,
} from '@llm-catalog/catalog';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { plural } from '../format.ts';
import { outputPathOutsideData } from '../output-path.ts';

export const DEFAULT_BUILD_OUT = 'dist/catalog.json';

export function registerBuild(program: Command, getContext: () => CommandContext): void {
  program
    .command('build')
    .description('write the resolved catalog (provider -> models with effective values) as one JSON file')
    .option('--out <file>', 'where to write it', DEFAULT_BUILD_OUT)
    .addHelpText(
      'after',
      '\nFor consumers in other languages. The same data gives byte-identical output; nothing is written when the data is invalid.',
    )
    .action(async (opts: { out: string }) => {
      const ctx = getContext();
      const out = outputPathOutsideData(ctx, opts.out, '--out');
      const { catalog, files } = await readCatalog(ctx.dataDir);
      const problems = checkIntegrity(catalog).filter((p) => p.severity === 'error');
      if (problems.length > 0) throw new CatalogLoadError(problems);
      // The newest data file dates the build, so rebuilding unchanged data changes nothing.
      const version = Object.values(files)
        .map((f) => f.version ?? '')
        .sort()
        .at(-1) as string;
      const built = buildResolvedCatalog(catalog, version);
      const text = stableJson(built);
      await writeFileAtomic(out, text);
      const providers = Object.keys(built.providers).length;
      const offerings = Object.values(built.providers).reduce((n, p) => n + Object.keys(p.models).length, 0);
      if (ctx.json) ctx.printJson({ out, version, providers, offerings, bytes: Buffer.byteLength(text) });
      else ctx.info(`wrote ${out}: ${plural(providers, 'provider')}, ${plural(offerings, 'offering')} (version ${version})`);
    });
}
