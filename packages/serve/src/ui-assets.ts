import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';
import type { Hono } from 'hono';

declare const __LLM_CATALOG_SERVE_DIR__: string | undefined;

/**
 * This package's directory. The repository's CLI launcher runs everything from one bundle elsewhere,
 * so it names the directory; otherwise this file sits one level below it (src/ or dist/).
 */
const SERVE_DIR = typeof __LLM_CATALOG_SERVE_DIR__ === 'string' ? __LLM_CATALOG_SERVE_DIR__ : fileURLToPath(new URL('..', import.meta.url));
/** The TypeScript sources in the repository; their compiled JavaScript in the published package. */
const UI_DIR = existsSync(join(SERVE_DIR, 'src', 'ui')) ? join(SERVE_DIR, 'src', 'ui') : join(SERVE_DIR, 'dist', 'ui');

/** The pages of the web UI: path pattern -> title. Each is the same shell; the script renders the page. */
export const UI_PAGES: { path: string; title: string }[] = [
  { path: '/providers', title: 'Providers' },
  { path: '/providers/new', title: 'Add a provider' },
  { path: '/models', title: 'Models' },
  { path: '/models/:id', title: 'Model' },
  { path: '/changes', title: 'Pending changes' },
];

const NAV = [
  ['/providers', 'Providers'],
  ['/models', 'Models'],
  ['/changes', 'Changes'],
] as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function shell(title: string, path: string): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}"${path.startsWith(href) ? ' aria-current="page"' : ''}>${label}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · llm-catalog</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">llm-catalog</span><nav aria-label="Main">${nav}</nav></header>
<main id="main" tabindex="-1"><h1>${escapeHtml(title)}</h1><p class="muted">Loading…</p></main>
<div id="toasts" class="toasts" role="status" aria-live="polite"></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;
}

/**
 * The browser code, bundled once per process from TypeScript with esbuild (already the CLI launcher's
 * bundler): no CDN, no build step to remember, works offline.
 */
let bundle: Promise<string> | undefined;
export function uiBundle(): Promise<string> {
  // esbuild is resolved from this package, not bundled: its JavaScript API finds its binary beside it.
  // Required, not imported: the CLI launcher runs its bundle as a script, which has no import().
  bundle ??= Promise.resolve()
    .then(() => createRequire(join(SERVE_DIR, 'package.json'))('esbuild') as typeof Esbuild)
    .then(({ build }) =>
      build({
        entryPoints: [existsSync(join(UI_DIR, 'main.ts')) ? join(UI_DIR, 'main.ts') : join(UI_DIR, 'main.js')],
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        minify: true,
        logLevel: 'error',
      }),
    )
    .then((out) => out.outputFiles[0]?.text ?? '');
  bundle.catch(() => (bundle = undefined));
  return bundle;
}

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

export function registerUiRoutes(app: Hono): void {
  app.get('/', (c) => c.redirect('/providers', 302));
  for (const page of UI_PAGES) {
    app.get(page.path, (c) => {
      c.header('content-security-policy', CSP);
      return c.html(shell(page.title, new URL(c.req.url).pathname));
    });
  }
  app.get('/assets/app.js', async (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(await uiBundle());
  });
  app.get('/assets/app.css', async (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(await readFile(join(UI_DIR, 'styles.css'), 'utf8'));
  });
}
