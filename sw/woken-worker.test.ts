import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { fakeWorkerScope } from './test-support/fake-worker-scope.js';
import { makeJwt } from './test-support/test-tokens.js';

const MARKER = '/__bearer-worker/session-seen';
const BACKOFF = '/__bearer-worker/token-backoff';

/**
 * Cache Storage holding what a stopped worker left, whose reads answer only when the test releases them:
 * Cache Storage is a round trip to the browser process, slow on a loaded machine.
 */
function slowCacheStorage(entries: Record<string, unknown>) {
  const reads: string[] = [];
  const gates = new Map<string, () => void>();
  const opened = new Map(
    Object.keys(entries).map((key) => [key, new Promise<void>((release) => gates.set(key, release))]),
  );
  const storage = {
    open: async () => ({
      match: async (key: string) => {
        reads.push(key);
        await opened.get(key);
        return Response.json(entries[key]);
      },
      put: async () => {},
    }),
  };
  return { storage, reads, release: (key: string) => gates.get(key)!() };
}

/** The worker's network: the token endpoint mints, the API answers 'ok'; each token fetch is counted. */
function network() {
  const seen = { tokenFetches: 0, auth: [] as (string | null)[] };
  vi.stubGlobal('fetch', async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url;
    if (url.endsWith('/token')) {
      seen.tokenFetches++;
      return Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) });
    }
    seen.auth.push((input as Request).headers.get('authorization'));
    return new Response('ok');
  });
  return seen;
}

// A session seen before the stop; a backoff from an outage long over (its pace still kept).
const LEFT = { [MARKER]: true, [BACKOFF]: { until: 1, failures: 3, since: 0 } };

describe('a worker woken from a stop (real installTokenInjector, Cache Storage slow to answer)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads what its predecessor left as it starts, before any event reaches it', async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    await vi.waitFor(() => expect(cache.reads.sort()).toEqual([MARKER, BACKOFF].sort()));
  });

  it("an API call's token fetch leaves at once, while both reads are still under way", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    const answer = scope.fetch('https://api.example/tasks');
    await vi.waitFor(() => expect(seen.tokenFetches).toBe(1));
    // Its answer counts once the predecessor's backoff is known (the outage pace is kept): then the call goes.
    cache.release(BACKOFF);
    cache.release(MARKER);
    expect(await (await answer).text()).toBe('ok');
    expect(seen.auth).toEqual([expect.stringMatching(/^Bearer ey/)]);
    expect(seen.tokenFetches).toBe(1);
  });

  it("the page-load hint's token fetch waits for nothing but the marker read begun at start-up", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    await vi.waitFor(() => expect(cache.reads).toHaveLength(2));
    expect((await scope.fetch('https://app.example/api/auth' + PAGE_LOADED_PATH)).status).toBe(204);
    // The hint starts no read of its own; a visitor with no session seen here still gets no token fetch.
    expect(cache.reads).toHaveLength(2);
    expect(seen.tokenFetches).toBe(0);
    cache.release(MARKER);
    await vi.waitFor(() => expect(seen.tokenFetches).toBe(1));
    cache.release(BACKOFF);
    await scope.settle();
    // The page's first call finds its token in hand.
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(seen.tokenFetches).toBe(1);
    expect(cache.reads).toHaveLength(2);
  });
});
