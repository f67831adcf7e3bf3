import { ModelSchema, OverrideSchema, ProviderSchema } from '@llm-catalog/catalog';
import { z } from 'zod';
import type { RouteSpec } from './api-routes.ts';
import { ErrorSchema } from './schemas.ts';

const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** The OpenAPI 3.1 document of the API, generated from the routes' Zod schemas so it cannot drift from what they accept. */
export function openApiDocument(specs: readonly RouteSpec<z.ZodType | undefined, z.ZodType | undefined>[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (spec.query) {
      const query = jsonSchemaOf(spec.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        params.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema } as never);
      }
    }
    (paths[path] ??= {})[spec.method] = {
      summary: spec.summary,
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(spec.body, 'input') } } } } : {}),
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'success',
          ...(spec.response ? { content: { 'application/json': { schema: jsonSchemaOf(spec.response, 'output') } } } : {}),
        },
        default: { description: 'an error', content: { 'application/json': { schema: jsonSchemaOf(ErrorSchema, 'output') } } },
      },
      ...(spec.method === 'get' ? {} : { security: [{ token: [] }] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'llm-catalog', version, description: 'The REST API of `catalog serve`. Changes need the per-run token and the same origin.' },
    components: {
      // The data files' own schemas: what provider, model and override objects in answers follow.
      schemas: { Provider: jsonSchemaOf(ProviderSchema, 'output'), Model: jsonSchemaOf(ModelSchema, 'output'), Override: jsonSchemaOf(OverrideSchema, 'output') },
      securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'x-catalog-token' } },
    },
    paths,
  };
}
