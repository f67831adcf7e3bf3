import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The packages from the top down: a package may import only the ones after it. The test kit serves
// tests of every package and is never imported by code that ships.
const LAYERS = ['cli', 'serve', 'sync', 'transformers', 'catalog'];
const TEST_ONLY = 'testkit';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const packageNames = readdirSync(packagesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** A package's code and its tests: `src/`, and `test/` for helpers that drive the package itself. */
const packageFiles = (pkg: string): string[] =>
  ['src', 'test'].flatMap((sub) => (existsSync(join(packagesDir, pkg, sub)) ? sourceFiles(join(packagesDir, pkg, sub)) : []));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(d.name) ? [path] : [];
  });
}

const isTestFile = (file: string) => /\.test\.ts$/.test(file) || file.includes('/test/');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]).filter((s): s is string => s !== undefined);
}

/** The workspace package a specifier lands in, or `scripts` for the repository's scripts. */
function targetOf(file: string, specifier: string): string | undefined {
  const named = /^@llm-catalog\/([^/]+)/.exec(specifier);
  if (named) return named[1];
  if (!specifier.startsWith('.')) return undefined;
  const path = relative(root, resolve(dirname(file), specifier)).split('/');
  if (path[0] === 'packages') return path[1];
  return path[0] === 'scripts' ? 'scripts' : undefined;
}

function allowed(from: string, to: string, testFile: boolean): boolean {
  if (from === to) return true;
  if (to === TEST_ONLY) return testFile;
  if (from === TEST_ONLY) return LAYERS.includes(to);
  const [a, b] = [LAYERS.indexOf(from), LAYERS.indexOf(to)];
  return a >= 0 && b > a;
}

describe('package layering', () => {
  it('knows every package', () => {
    expect(packageNames.filter((p) => p !== TEST_ONLY && !LAYERS.includes(p))).toEqual([]);
  });

  it('no package imports one above it, nor scripts/; shipped code never imports the test kit', () => {
    const wrong: string[] = [];
    for (const pkg of packageNames) {
      for (const file of packageFiles(pkg)) {
        for (const specifier of importsOf(file)) {
          const to = targetOf(file, specifier);
          if (to !== undefined && !allowed(pkg, to, isTestFile(file))) wrong.push(`${relative(root, file)} -> ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('each package declares only packages below it as dependencies', () => {
    const wrong: string[] = [];
    for (const pkg of packageNames) {
      const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const [field, deps] of [['dependencies', manifest.dependencies], ['devDependencies', manifest.devDependencies]] as const) {
        for (const dep of Object.keys(deps ?? {})) {
          const to = /^@llm-catalog\/(.+)$/.exec(dep)?.[1];
          if (to !== undefined && !allowed(pkg, to, field === 'devDependencies')) wrong.push(`${pkg} ${field}: ${dep}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('module graph', () => {
  it('has no import cycle inside a package (type-only imports included)', () => {
    const edges = new Map<string, string[]>();
    for (const pkg of packageNames) {
      for (const file of sourceFiles(join(packagesDir, pkg, 'src')).filter((f) => !isTestFile(f))) {
        edges.set(
          file,
          importsOf(file).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s)),
        );
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) if (edges.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...edges.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

describe('thin commands', () => {
  it('every CLI command file stays under 150 lines (parse, call the library, print)', () => {
    const dir = join(packagesDir, 'cli', 'src', 'commands');
    const long = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines >= 150);
    expect(long).toEqual([]);
  });
});

const MAX_FUNCTION_LINES = 60;

function functionLengths(file: string): Map<string, number> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lengths = new Map<string, number>();
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const named = node.name ?? (ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent) ? node.parent.name : undefined);
      const name = named ? named.getText(source) : `<anonymous at line ${lineOf(node.getStart(source)) + 1}>`;
      const lines = lineOf(node.end) - lineOf(node.getStart(source)) + 1;
      lengths.set(name, Math.max(lengths.get(name) ?? 0, lines));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lengths;
}

describe('small functions', () => {
  it(`no function in shipped code is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: Record<string, number> = {};
    for (const pkg of packageNames.filter((p) => p !== TEST_ONLY)) {
      for (const file of sourceFiles(join(packagesDir, pkg, 'src')).filter((f) => f.endsWith('.ts') && !isTestFile(f))) {
        for (const [name, lines] of functionLengths(file)) {
          if (lines > MAX_FUNCTION_LINES) long[`${relative(root, file)} ${name}`] = lines;
        }
      }
    }
    expect(long).toEqual({});
  });
});
