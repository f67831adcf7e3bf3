import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One API route as the OpenAPI document describes it. */
export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: Method;
  /** Hono syntax: `/api/providers/:id`. */
  path: string;
  summary: string;
  body?: B;
  query?: Q;
  /** The success status; default 200. */
  status?: ContentfulStatusCode;
  /** The success body, for the OpenAPI document. */
  response?: z.ZodType;
}

type Parsed<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteInput<B, Q> {
  body: B;
  query: Q;
}

/** Zod's first problem, said the way the CLI says one: the field, then what is wrong. */
export function describeZodError(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  if (!issue) return `${where} is invalid`;
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  const extra = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${field}: ${issue.message}${extra}`;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, `invalid-${where}`, describeZodError(result.error, where));
  return result.data;
}

/**
 * The API's routes: each one registered on the app with its body and query parsed by its Zod schema
 * (a 400 naming the field otherwise), and recorded for the OpenAPI document.
 */
export class ApiRoutes {
  readonly specs: RouteSpec<z.ZodType | undefined, z.ZodType | undefined>[] = [];

  /** `onChange` runs after every route that is not a read: it may have written the data files. */
  constructor(
    private readonly app: Hono,
    private readonly onChange: () => void,
  ) {}

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q>,
    handler: (c: Context, input: RouteInput<Parsed<B>, Parsed<Q>>) => Promise<unknown> | unknown,
  ): void {
    this.specs.push(spec);
    this.app[spec.method](spec.path, async (c) => {
      let body: unknown;
      if (spec.body) {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw new ApiError(400, 'invalid-json', 'the request body must be one JSON object (Content-Type: application/json)');
        }
        body = parse(spec.body, raw, 'body');
      }
      const query = spec.query ? parse(spec.query, c.req.query(), 'query') : undefined;
      let out: unknown;
      try {
        out = await handler(c, { body, query } as RouteInput<Parsed<B>, Parsed<Q>>);
      } finally {
        if (spec.method !== 'get') this.onChange();
      }
      return out instanceof Response ? out : c.json(out as object, spec.status ?? 200);
    });
  }
}
