#!/usr/bin/env node
/**
 * The pack-and-install check: what a user of the published packages gets, tested without publishing.
 *
 * Builds and packs every public package of the workspace, installs the tarballs with npm into an
 * empty temporary directory (dependencies come from the npm registry), then, in plain Node with no
 * loader: imports the library from a .mjs file and prices a model from the bundled catalog, runs the
 * installed `llm-catalog` bin (`--version`; `validate` in an empty directory, which reads the bundled
 * catalog, and in a subdirectory of this repository, which finds its data/; `cost`), type-checks a
 * TypeScript consumer against the installed declarations, and checks the packed sizes.
 *
 * The bundled price check uses gpt-4o at openai. It fails when the bundled catalog has models but
 * not that one; with an empty catalog it prices a small catalog written here instead, and says so.
 * PACK_CHECK_OFFERING=provider/model checks another offering. Not part of `pnpm test`: it needs the
 * registry. Exit 0 when every check passes, 1 otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const LIBRARY = '@llm-catalog/catalog';
const CLI = '@llm-catalog/cli';
const BIN = 'llm-catalog';
const MAX_LIBRARY_BYTES = 5 * 1024 * 1024;
const [checkProvider, checkModel] = (process.env.PACK_CHECK_OFFERING || 'openai/gpt-4o').split(/\/(.*)/s);

/**
 * Run from the install directory as a user would: `node price.mjs PROVIDER MODEL FIXTURE_DIR`.
 * Prints one line per check; a line starting with FAIL is a failed check.
 */
const PRICE_SCRIPT = `import { BUNDLED_DATA_DIR, loadCatalog } from '${LIBRARY}';

const [provider, model, fixtureDir] = process.argv.slice(2);
const bundled = await loadCatalog();
const count = bundled.catalog.models.length;

function price(library, label) {
  const input = library.resolveModel(provider, model)?.pricing?.input;
  if (!input) {
    const n = library.catalog.models.length;
    console.log(\`FAIL \${label} (\${n} model\${n === 1 ? '' : 's'}) has no input price for \${model} at \${provider}\`);
    process.exitCode = 1;
    return;
  }
  const { total, currency } = library.estimateCost({ provider, model, input_tokens: 1_000_000, output_tokens: 0 });
  console.log(\`\${label}: \${model} at \${provider} costs \${total} \${currency} per million input tokens\`);
}

if (count === 0) {
  console.log(\`NOTE the bundled catalog (\${BUNDLED_DATA_DIR}) loads and has 0 models: pricing the fixture catalog instead\`);
  price(await loadCatalog(fixtureDir), 'fixture catalog');
} else {
  price(bundled, 'bundled catalog');
}
`;

/** A consumer's TypeScript: wrong types in the published declarations fail to compile here. */
const TYPES_SCRIPT = `import { loadCatalog, type ModelDocument, buildModelDocument } from '${LIBRARY}';
import { runCli } from '${CLI}';

const catalog = await loadCatalog();
const perMillion: number | undefined = catalog.resolveModel('openai', 'gpt-4o')?.pricing?.input?.per_million_tokens;
const doc: ModelDocument | undefined = buildModelDocument(catalog.index, 'gpt-4o');
const code: Promise<number> = runCli(['--version'], { stdout: () => {}, stderr: () => {}, env: {}, cwd: '.', isTTY: false });
console.log(perMillion, doc?.providers.length, code);
`;

let failures = 0;
const pass = (what) => console.log(`  ok    ${what}`);
const fail = (what) => {
  failures += 1;
  console.log(`  FAIL  ${what}`);
};
const run = (cmd, args, cwd, options = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

/** Runs a command and returns its exit code and both outputs instead of throwing on a non-zero exit. */
function attempt(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { code: result.status ?? 2, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error) };
}

function bytesUnder(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const publicPackages = readdirSync(join(repoRoot, 'packages'))
  .map((name) => ({ dir: join(repoRoot, 'packages', name), file: join(repoRoot, 'packages', name, 'package.json') }))
  .filter(({ file }) => statSync(file, { throwIfNoEntry: false })?.isFile())
  .map(({ dir, file }) => ({ dir, manifest: JSON.parse(readFileSync(file, 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const work = mkdtempSync(join(tmpdir(), 'llm-catalog-pack-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);

try {
  console.log('pack-check: build');
  run('pnpm', ['run', 'build'], repoRoot, { stdio: ['ignore', 'ignore', 'inherit'] });

  console.log(`pack-check: pack ${publicPackages.map((p) => p.manifest.name).join(', ')}`);
  for (const { dir } of publicPackages) run('pnpm', ['pack', '--pack-destination', tarballs], dir);
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
  for (const f of files) console.log(`  ${f}: ${mb(statSync(join(tarballs, f)).size)} packed`);

  console.log('pack-check: npm install the tarballs into an empty directory');
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'pack-check-app', private: true, type: 'module' })}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files.map((f) => join(tarballs, f))], app);

  console.log('pack-check: sizes');
  // The limit is on what npm downloads (the packed tarball); the installed size is shown for reference.
  const libraryTarball = files.find((f) => f.startsWith(`${LIBRARY.replace('@', '').replace('/', '-')}-`));
  const packedBytes = libraryTarball ? statSync(join(tarballs, libraryTarball)).size : Number.POSITIVE_INFINITY;
  const installedBytes = bytesUnder(join(app, 'node_modules', ...LIBRARY.split('/')));
  const sizes = `${mb(packedBytes)} packed, ${mb(installedBytes)} installed`;
  if (packedBytes < MAX_LIBRARY_BYTES) pass(`${LIBRARY} with its data is ${sizes} (limit ${mb(MAX_LIBRARY_BYTES)} packed)`);
  else fail(`${LIBRARY} with its data is ${sizes}, over the ${mb(MAX_LIBRARY_BYTES)} packed limit`);

  console.log('pack-check: every export resolves to a file');
  for (const { manifest } of publicPackages) {
    const installed = join(app, 'node_modules', ...manifest.name.split('/'));
    const exports = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).exports ?? {};
    for (const [subpath, target] of Object.entries(exports)) {
      const targets = typeof target === 'string' ? [target.replace('*', '')] : Object.values(target);
      const missing = targets.filter((t) => !statSync(join(installed, t), { throwIfNoEntry: false }));
      if (missing.length === 0) pass(`${manifest.name} ${subpath} -> ${targets.join(', ')}`);
      else fail(`${manifest.name} ${subpath}: missing ${missing.join(', ')}`);
    }
  }

  console.log('pack-check: plain node imports the library');
  const fixture = join(work, 'fixture-data');
  writeFixtureCatalog(fixture);
  writeFileSync(join(app, 'price.mjs'), PRICE_SCRIPT);
  const priced = attempt(process.execPath, ['price.mjs', checkProvider, checkModel, fixture], app);
  for (const line of priced.stdout.trim().split('\n').filter(Boolean)) {
    if (line.startsWith('FAIL ')) fail(line.slice(5));
    else if (line.startsWith('NOTE ')) console.log(`  note  ${line.slice(5)}`);
    else pass(line);
  }
  if (priced.code !== 0 && !priced.stdout.includes('FAIL ')) fail(`price.mjs exited ${priced.code}: ${priced.stderr.trim()}`);

  console.log('pack-check: TypeScript resolves the types from the installed packages');
  writeFileSync(join(app, 'consumer.mts'), TYPES_SCRIPT);
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const typed = attempt(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(repoRoot, 'node_modules', '@types'), 'consumer.mts'], app);
  if (typed.code === 0) pass('a strict .mts importing @llm-catalog/catalog and @llm-catalog/cli type-checks');
  else fail(`tsc on consumer.mts: exit ${typed.code}\n${typed.stdout}${typed.stderr}`);

  console.log(`pack-check: the installed bin (${BIN})`);
  const cliVersion = JSON.parse(readFileSync(join(app, 'node_modules', ...CLI.split('/'), 'package.json'), 'utf8')).version;
  const version = attempt('npx', ['--no-install', BIN, '--version'], app);
  if (version.code === 0 && version.stdout.trim() === cliVersion) pass(`npx ${BIN} --version prints ${cliVersion}`);
  else fail(`npx ${BIN} --version: exit ${version.code}, "${version.stdout.trim()}" ${version.stderr.trim()}`);
  const validate = attempt('npx', ['--no-install', BIN, 'validate'], app);
  if (validate.code === 0 && /bundled catalog/.test(validate.stderr)) pass(`${BIN} validate in an empty directory reads the bundled catalog`);
  else fail(`${BIN} validate: exit ${validate.code}\n${validate.stdout}${validate.stderr}`);
  const installedBin = join(app, 'node_modules', '.bin', BIN);
  const fromSubdir = attempt(installedBin, ['validate'], join(repoRoot, 'packages', 'cli', 'src'));
  const repoData = join(repoRoot, 'data');
  if (fromSubdir.code === 0 && fromSubdir.stdout.includes(repoData) && !/bundled/.test(fromSubdir.stderr)) {
    pass(`${BIN} validate run from a subdirectory of the repository finds ${repoData}`);
  } else {
    fail(`${BIN} validate from packages/cli/src: exit ${fromSubdir.code}\n${fromSubdir.stdout}${fromSubdir.stderr}`);
  }
  const bundledHasModels = priced.stdout.includes('bundled catalog: ');
  const costArgs = ['cost', checkProvider, checkModel, '--input', '10k', '--output', '500', '--json'];
  const cost = attempt('npx', ['--no-install', BIN, ...(bundledHasModels ? [] : ['--data', fixture]), ...costArgs], app);
  const costDoc = cost.code === 0 ? JSON.parse(cost.stdout) : undefined;
  const where = bundledHasModels ? 'the bundled catalog' : 'the fixture catalog';
  if (costDoc && typeof costDoc.total === 'number' && costDoc.total > 0) {
    pass(`${BIN} cost ${checkProvider} ${checkModel} from ${where}: ${costDoc.total} ${costDoc.currency}`);
  } else {
    fail(`${BIN} cost from ${where}: exit ${cost.code}\n${cost.stdout}${cost.stderr}`);
  }
} catch (err) {
  fail(`${err.message}\n${err.stderr ?? ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(failures === 0 ? 'pack-check: passed' : `pack-check: ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;

/** A catalog small enough to read: one provider serving the checked model at a known price. */
function writeFixtureCatalog(dir) {
  mkdirSync(dir, { recursive: true });
  const envelope = (kind, list) => `${JSON.stringify({ version: '2026.01.01', [kind]: list }, null, 2)}\n`;
  const usd = (n) => ({ per_million_tokens: n, currency: 'USD' });
  writeFileSync(
    join(dir, 'providers.json'),
    envelope('providers', [
      {
        id: checkProvider,
        name: checkProvider,
        authentication: 'API_KEY',
        formats: [{ format: 'OPENAI', base_url: 'https://api.example.com/v1', default: true }],
      },
    ]),
  );
  writeFileSync(join(dir, 'models.json'), envelope('models', [{ id: checkModel, pricing: { input: usd(2.5), output: usd(10) } }]));
  writeFileSync(join(dir, 'overrides.json'), envelope('overrides', [{ provider_id: checkProvider, model_id: checkModel, priority: 0 }]));
}
