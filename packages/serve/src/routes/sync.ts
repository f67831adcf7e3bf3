import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiRoutes } from '../api-routes.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { SyncRequestSchema } from '../schemas.ts';
import type { SyncJob, SyncJobEvent } from '../sync-jobs.ts';

const isFinal = (e: SyncJobEvent) => e.type === 'done' || e.type === 'failed';

function jobOrThrow(ctx: ServerContext, c: Context): SyncJob {
  const id = c.req.param('id') ?? '';
  const job = ctx.jobs.get(id);
  if (!job) throw new ApiError(404, 'unknown-job', `no sync job "${id}" (jobs are kept while the server runs)`);
  return job;
}

export function registerSyncRoutes(api: ApiRoutes, ctx: ServerContext): void {
  api.add({ method: 'post', path: '/api/sync', summary: 'start a sync of some or all providers; 409 while another sync runs', body: SyncRequestSchema, status: 202 }, async (_c, { body }) => {
    const job = await ctx.jobs.start({
      providers: body.providers,
      ...(body.dry_run !== undefined ? { dryRun: body.dry_run } : {}),
      ...(body.allow_removals !== undefined ? { allowRemovals: body.allow_removals } : {}),
    });
    return { job: { id: job.id, status: job.status, events_url: `/api/sync/jobs/${job.id}/events` } };
  });

  api.add({ method: 'get', path: '/api/sync/jobs/:id', summary: "a sync job's state, events so far, and its result (the document of `sync --json`) once done" }, (c) => jobOrThrow(ctx, c));

  api.add({ method: 'get', path: '/api/sync/jobs/:id/events', summary: "a sync job's progress as Server-Sent Events: queued, provider (fetching, fetched, failed, skipped), merging, written, done" }, (c) => {
    const job = jobOrThrow(ctx, c);
    return streamSSE(c, async (stream) => {
      const queue: SyncJobEvent[] = [...job.events];
      let wake: (() => void) | undefined;
      const unsubscribe = job.status === 'running' ? ctx.jobs.subscribe(job.id, (e) => {
        queue.push(e);
        wake?.();
      }) : () => undefined;
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        for (;;) {
          const event = queue.shift();
          if (!event) {
            if (job.status !== 'running' || stream.aborted) break;
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          if (isFinal(event)) break;
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
