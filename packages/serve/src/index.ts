export { type AppOptions, createApp, MAX_BODY_BYTES } from './app.ts';
export { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';
export { type RunningServer, type ServeOptions, ServeOptionsError, startServer } from './server.ts';
export { TOKEN_COOKIE, TOKEN_HEADER } from './security.ts';
export type { SyncJobEvent } from './sync-jobs.ts';
