import type { Provider } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { providerScheduler } from './schedule.ts';

const providerAt = (id: string, url: string): Provider => ({
  id,
  name: id,
  authentication: 'NONE',
  formats: [{ format: 'OPENAI', base_url: url, default: true }],
  models_api: {
    enabled: true,
    update_frequency: 'daily',
    endpoints: [{ url: `${url}/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' }],
  },
});

/** Runs one task per provider and records the most tasks in flight at once, overall and per host. */
async function peaks(providers: Provider[], limits: Parameters<typeof providerScheduler>[0]) {
  const schedule = providerScheduler(limits);
  let inFlight = 0;
  let peak = 0;
  const byHost = new Map<string, { now: number; peak: number }>();
  await Promise.all(
    providers.map((p) =>
      schedule(p, async () => {
        const host = new URL(p.models_api?.endpoints[0]?.url ?? '').host;
        const h = byHost.get(host) ?? { now: 0, peak: 0 };
        byHost.set(host, h);
        inFlight++;
        h.now++;
        peak = Math.max(peak, inFlight);
        h.peak = Math.max(h.peak, h.now);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        h.now--;
      }),
    ),
  );
  return { peak, perHost: Object.fromEntries([...byHost].map(([host, h]) => [host, h.peak])) };
}

const gateway = Array.from({ length: 6 }, (_, i) => providerAt(`g${i}`, 'https://gateway.example/v1'));
const own = Array.from({ length: 6 }, (_, i) => providerAt(`p${i}`, `https://p${i}.example/v1`));

describe('providerScheduler', () => {
  it('fetches every provider at once when the cap allows, however many share a host', async () => {
    const { peak } = await peaks([...gateway, ...own], { concurrency: 64 });
    expect(peak).toBe(12);
  });

  it('holds the global cap', async () => {
    const { peak } = await peaks([...gateway, ...own], { concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('with a per-host limit, keeps a shared host to it while other hosts use the rest of the cap', async () => {
    const { peak, perHost } = await peaks([...gateway, ...own], { concurrency: 8, perHost: 2 });
    expect(perHost['gateway.example']).toBe(2);
    expect(peak).toBe(8);
  });
});
