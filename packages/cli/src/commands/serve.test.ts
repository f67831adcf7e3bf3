import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

describe('serve', () => {
  it('refuses another host without --token, and a bad port, with one clear line', async () => {
    const host = await runCliCaptured(['--data', '/tmp', 'serve', '--host', '0.0.0.0', '--port', '0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toBe('error: binding 0.0.0.0 makes the server reachable from other machines: give --token so only people you share it with can change the catalog\n');
    const port = await runCliCaptured(['--data', '/tmp', 'serve', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number from 0 to 65535, got "http"');
  });
});
