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
  const writes: [string, unknown][] = [];
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
      put: async (key: string, res: Response) => void writes.push([key, await res.json()]),
    }),
  };
  return { storage, reads, writes, release: (key: string) => gates.get(key)!() };
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

  it('reads nothing from Cache Storage as it starts: Cache Storage costs a just-started worker its thread', async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    await scope.settle();
    expect(cache.reads).toEqual([]);
  });

  it("an API call's token fetch and the call itself leave before anything is read back", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    // Both reads stay unanswered: a token that arrived makes the predecessor's backoff moot.
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(seen.auth).toEqual([expect.stringMatching(/^Bearer ey/)]);
    expect(seen.tokenFetches).toBe(1);
    // Read in the background since, only to clear the outage that is over for the next worker.
    cache.release(BACKOFF);
    await vi.waitFor(() => expect(cache.writes).toContainEqual([BACKOFF, expect.objectContaining({ failures: 0 })]));
  });

  it("a failed token fetch counts at the predecessor's pace: it waits for the backoff it left", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    vi.stubGlobal('fetch', async () => new Response('down', { status: 503 }));
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    let answered = false;
    const answer = scope.fetch('https://api.example/tasks').then((r) => ((answered = true), r));
    await vi.waitFor(() => expect(cache.reads).toContain(BACKOFF));
    expect(answered).toBe(false);
    cache.release(BACKOFF);
    expect((await answer).status).toBe(503);
    // Three failures before the stop, this one the fourth.
    await vi.waitFor(() => expect(cache.writes).toContainEqual([BACKOFF, expect.objectContaining({ failures: 4 })]));
  });

  it("the page-load hint's token fetch waits for nothing but the marker read it starts", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect((await scope.fetch('https://app.example/api/auth' + PAGE_LOADED_PATH)).status).toBe(204);
    await vi.waitFor(() => expect(cache.reads).toEqual([MARKER]));
    // A visitor with no session seen here gets no token fetch: it waits for the marker.
    expect(seen.tokenFetches).toBe(0);
    cache.release(MARKER);
    await vi.waitFor(() => expect(seen.tokenFetches).toBe(1));
    await scope.settle();
    // The page's first call finds its token in hand, the backoff still unread.
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(seen.tokenFetches).toBe(1);
    expect(cache.writes.map(([key]) => key)).not.toContain(MARKER);
  });
});
