import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { fakeWorkerScope } from './test-support/fake-worker-scope.js';
import { makeJwt } from './test-support/test-tokens.js';

/** Cache Storage as a worker finds it after a session was seen here: the page-load step mints. */
const sessionSeen = {
  open: async () => ({
    match: async (key: string) => (key.endsWith('/session-seen') ? Response.json(true) : undefined),
    put: async () => {},
  }),
};

/** Everything the worker sends, and how many requests it gave an authorization header. */
function watchWorker() {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url;
    sent.push(url);
    return url.endsWith('/token') ? Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) }) : new Response('ok');
  });
  const set = vi.spyOn(Headers.prototype, 'set');
  const authorized = () => set.mock.calls.filter(([name]) => name === 'authorization').length;
  return { sent, authorized };
}

const HINT = 'https://app.example/api/auth' + PAGE_LOADED_PATH;
const API = 'https://api.example/v1/tasks';

describe('the API route warm-up (real installTokenInjector)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("each page load runs the page's first call up to the authorized copy, and nothing but the token leaves", async () => {
    const scope = fakeWorkerScope(sessionSeen);
    const worker = watchWorker();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'], apiPathPrefix: '/v1' });
    expect((await scope.fetch(HINT)).status).toBe(204);
    await scope.settle();
    expect(worker.authorized()).toBe(1);
    expect(worker.sent).toEqual(['/api/auth/token']);
    // Another page: its own token (a new client), its own warm-up, still nothing sent.
    expect((await scope.fetch(HINT, 'page-2')).status).toBe(204);
    await scope.settle();
    expect(worker.authorized()).toBe(2);
    expect(worker.sent).toEqual(['/api/auth/token', '/api/auth/token']);
    // That page's real first call goes out with the token minted for it.
    expect(await (await scope.fetch(API, 'page-2')).text()).toBe('ok');
    expect(worker.authorized()).toBe(3);
    expect(worker.sent).toEqual(['/api/auth/token', '/api/auth/token', API]);
  });

  it('a visitor with no session seen here: no token, no warm-up', async () => {
    const scope = fakeWorkerScope();
    const worker = watchWorker();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect((await scope.fetch(HINT)).status).toBe(204);
    await scope.settle();
    expect(worker.authorized()).toBe(0);
    expect(worker.sent).toEqual([]);
  });
});
