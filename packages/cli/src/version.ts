import { readFileSync } from 'node:fs';

declare const __LLM_CATALOG_CLI_VERSION__: string | undefined;

/**
 * The CLI package's version. The compiled package and the sources both sit one directory below
 * package.json; the repository's launcher runs a bundle from elsewhere, so it defines the value.
 */
export function cliVersion(): string {
  if (typeof __LLM_CATALOG_CLI_VERSION__ === 'string') return __LLM_CATALOG_CLI_VERSION__;
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
