/**
 * Where `catalog serve` listens unless told otherwise. A module of its own, exported as
 * `@llm-catalog/serve/defaults`, so that the CLI can show these in every command's help without
 * loading the web server.
 */
export const DEFAULT_PORT = 4873;
export const DEFAULT_HOST = '127.0.0.1';
