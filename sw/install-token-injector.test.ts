import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { fakeWorkerScope } from './test-support/fake-worker-scope.js';
import { makeJwt } from './test-support/test-tokens.js';

afterEach(() => vi.unstubAllGlobals());

describe('installTokenInjector', () => {
  it('leaves the update policy to the host worker: it never skips waiting itself', async () => {
    const scope = fakeWorkerScope();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    scope.install();
    expect(scope.skipWaiting).not.toHaveBeenCalled();
  });

  it("adds no Static Routing rules by default: the host worker's own routes see every request", async () => {
    const scope = fakeWorkerScope();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect(scope.install()).toEqual([]);
  });

  it("adds the rules the host asks for with staticRoutes: 'cross-origin' keeps same-origin requests", async () => {
    const scope = fakeWorkerScope();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'], staticRoutes: 'cross-origin' });
    const [rules] = scope.install() as { condition: { urlPattern?: { hostname: string } }; source: string }[][];
    expect(rules![0]).toMatchObject({ condition: { urlPattern: { hostname: 'app.example' } }, source: 'fetch-event' });
    expect(rules!.some((r) => r.condition.urlPattern?.hostname === 'app.example' && r.source === 'network')).toBe(
      false,
    );
  });

  it('mints the token at authOrigin with the cookie (credentials: include), and sends it to the API', async () => {
    const scope = fakeWorkerScope();
    const calls: { url: string; credentials?: RequestCredentials; auth?: string | null }[] = [];
    vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input.url;
      calls.push({ url, credentials: init?.credentials, auth: (input as Request).headers?.get('authorization') });
      return url.endsWith('/token') ? Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) }) : new Response('ok');
    });
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'], authOrigin: 'https://auth.example' });
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(calls).toEqual([
      { url: 'https://auth.example/api/auth/token', credentials: 'include', auth: undefined },
      { url: 'https://api.example/tasks', credentials: undefined, auth: expect.stringMatching(/^Bearer ey/) },
    ]);
    // And a page's own request for that token endpoint is refused, never sent.
    const refused = await scope.fetch('https://auth.example/api/auth/token');
    expect(refused.status).toBe(403);
    expect(refused.headers.get(WORKER_ERROR_HEADER)).toBe('token-endpoint-blocked');
    expect(calls).toHaveLength(2);
  });

  it("mints the token on the app's own origin with credentials: same-origin when authOrigin is not set", async () => {
    const scope = fakeWorkerScope();
    const calls: { url: string; credentials?: RequestCredentials }[] = [];
    vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input.url;
      calls.push({ url, credentials: init?.credentials });
      return url.endsWith('/token') ? Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) }) : new Response('ok');
    });
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    await scope.fetch('https://api.example/tasks');
    // Relative: the worker resolves it against its own URL, the app's origin.
    expect(calls[0]).toEqual({ url: '/api/auth/token', credentials: 'same-origin' });
  });

  it('refuses a wrong staticRoutes with a coded error before touching the worker', async () => {
    const scope = fakeWorkerScope();
    await expect(
      scope.installTokenInjector({ apiOrigins: ['https://api.example'], staticRoutes: 'host' as 'none' }),
    ).rejects.toMatchObject({ code: 'invalid-options' });
  });
});
