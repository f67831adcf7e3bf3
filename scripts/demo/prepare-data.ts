/**
 * Prepares a throwaway copy of the catalog for the offline demo: every provider that has a
 * fixture lists its models from the mock server, and every other provider's list-models API is
 * switched off, so a `sync --all` on the copy cannot reach the network.
 */
import { cp } from 'node:fs/promises';
import { keyEnvOf, type Provider, readCatalog, seedOf, writeCatalog } from '@llm-catalog/catalog';
import { fixtureRoutePath, type ProviderFixture } from '@llm-catalog/testkit/fixtures';

/** The provider with its list-models endpoint replaced by the fixture's mock route, and enabled. */
export function pointAtMock(provider: Provider, fixture: ProviderFixture, mockUrl: string): Provider {
  const template = provider.models_api?.endpoints[0];
  const endpoint = {
    endpoint_type: template?.endpoint_type ?? 'CHAT_COMPLETIONS',
    format: template?.format ?? provider.formats.find((f) => f.default)?.format ?? 'OPENAI',
    ...(template?.auth ? { auth: template.auth } : {}),
    ...(template?.headers ? { headers: template.headers } : {}),
    url: `${mockUrl}${fixtureRoutePath(fixture)}`,
    transformer: fixture.transformer,
  };
  return {
    ...provider,
    models_api: {
      update_frequency: provider.models_api?.update_frequency ?? 'daily',
      endpoints: [endpoint],
      // Local servers (Ollama, LM Studio, vLLM) are off by default; the mock plays them, so they run.
      enabled: true,
    },
  };
}

export function withoutModelsApi(provider: Provider): Provider {
  return provider.models_api ? { ...provider, models_api: { ...provider.models_api, enabled: false } } : provider;
}

export interface DemoData {
  /** The providers that list their models from the mock, in fixture order. */
  providers: Provider[];
  /** A fake key for each of them that needs one, so no provider is skipped. */
  env: Record<string, string>;
}

/**
 * Copies `sourceDir` to `targetDir`, keeps only what a person wrote (so the demo's sync starts from
 * scratch, as on a fresh catalog), and rewires the copy's providers to the mock server.
 */
export async function prepareDemoData(
  sourceDir: string,
  targetDir: string,
  fixtures: readonly ProviderFixture[],
  mockUrl: string,
): Promise<DemoData> {
  await cp(sourceDir, targetDir, { recursive: true });
  const read = await readCatalog(targetDir);
  const catalog = seedOf(read.catalog);
  const files = read.files;
  const byId = new Map(fixtures.map((f) => [f.providerId, f]));
  const missing = fixtures.filter((f) => !catalog.providers.some((p) => p.id === f.providerId));
  if (missing.length > 0) {
    throw new Error(`no provider in ${sourceDir}/providers.json for fixture(s): ${missing.map((f) => f.providerId).join(', ')}`);
  }
  catalog.providers = catalog.providers.map((p) => {
    const fixture = byId.get(p.id);
    return fixture ? pointAtMock(p, fixture, mockUrl) : withoutModelsApi(p);
  });
  await writeCatalog(targetDir, catalog, files);
  const providers = fixtures.map((f) => catalog.providers.find((p) => p.id === f.providerId) as Provider);
  const env = Object.fromEntries(
    providers.flatMap((p) => {
      const envVar = keyEnvOf(p);
      return envVar ? [[envVar, `demo-key-${p.id}`]] : [];
    }),
  );
  return { providers, env };
}
