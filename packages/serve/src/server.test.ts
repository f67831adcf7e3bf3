import { request } from 'node:http';
import { makeTestRepo, type TestRepo } from '@llm-catalog/testkit/report';
import { afterEach, describe, expect, it } from 'vitest';
import { ServeOptionsError, startServer } from './server.ts';
import { serveTestCatalog } from '@llm-catalog/testkit/serve';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('startServer', () => {
  it('binds 127.0.0.1 with a fresh token, answers its own host only, and hands the token over in the open URL', async () => {
    repo = await makeTestRepo();
    await repo.commitCatalog(serveTestCatalog('http://127.0.0.1:9'), 'first', '2026-01-01');
    const server = await startServer({ dataDir: repo.dataDir, env: {}, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.openUrl).toBe(`${server.url}/providers?token=${server.token}`);
      expect(server.token.length).toBeGreaterThanOrEqual(32);
      expect((await fetch(`${server.url}/api/providers`)).status).toBe(200);
      // A page on another site reaching 127.0.0.1 through a rebound DNS name still sends its own Host.
      const rebound = await new Promise<number>((resolve, reject) =>
        request(`${server.url}/api/providers`, { headers: { host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
      expect(rebound).toBe(403);
      const opened = await fetch(server.openUrl, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('set-cookie')).toContain(`catalog_token=${server.token}`);
      const cookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';
      const changed = await fetch(`${server.url}/api/providers/beta/disable`, { method: 'POST', headers: { cookie, origin: server.url } });
      expect(changed.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to bind another host without a token the person chose', async () => {
    await expect(startServer({ dataDir: '/nonexistent', env: {}, host: '0.0.0.0', port: 0 })).rejects.toThrow(ServeOptionsError);
    await expect(startServer({ dataDir: '/nonexistent', env: {}, host: '0.0.0.0', port: 0, token: 'short' })).rejects.toThrow(/at least 16/);
  });
});
