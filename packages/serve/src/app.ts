import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FetchTuning } from '@llm-catalog/sync';
import { ApiRoutes } from './api-routes.ts';
import { createCatalogStore } from './catalog-store.ts';
import type { ServerContext } from './context.ts';
import { ApiError, errorBody, toApiError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { registerModelRoutes } from './routes/models.ts';
import { registerProviderRoutes } from './routes/providers.ts';
import { registerSyncRoutes } from './routes/sync.ts';
import { security } from './security.ts';
import { SyncJobs } from './sync-jobs.ts';
import { registerUiRoutes } from './ui-assets.ts';

/** The largest request body accepted: every body is a small JSON object. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  dataDir: string;
  /** Where keys are read from; no answer ever holds one. */
  env: NodeJS.ProcessEnv;
  /** The per-run token every change needs. */
  token: string;
  allowedHosts?: readonly string[];
  /** Fetch settings of sync jobs (tests shorten the timeouts). */
  fetch?: FetchTuning;
  probeTimeoutMs?: number;
  version?: string;
  /** Log an unexpected error (the answer itself says only "internal error"). */
  logError?: (err: unknown) => void;
}

/**
 * The HTTP app of `catalog serve`: the REST API under /api and the web UI, over the same library
 * calls, edit path and data lock as the CLI. Usable without a port (`app.request(...)`).
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const store = createCatalogStore(options.dataDir);
  const ctx: ServerContext = {
    dataDir: options.dataDir,
    env: options.env,
    store,
    jobs: new SyncJobs({
      dataDir: options.dataDir,
      env: options.env,
      onWritten: () => store.invalidate(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    ...(options.probeTimeoutMs ? { probeTimeoutMs: options.probeTimeoutMs } : {}),
  };
  app.onError((err, c) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) options.logError?.(err);
    return c.json(errorBody(apiError), apiError.status);
  });
  app.notFound((c) => c.json(errorBody(new ApiError(404, 'not-found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`)), 404));
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
  });
  app.use('*', security({ token: options.token, ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}) }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'body-too-large', `request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`);
      },
    }),
  );

  const api = new ApiRoutes(app, () => store.invalidate());
  registerProviderRoutes(api, ctx);
  registerModelRoutes(api, ctx);
  registerSyncRoutes(api, ctx);
  const version = options.version ?? '0.0.0';
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(api.specs, version)));
  registerUiRoutes(app);
  return app;
}
