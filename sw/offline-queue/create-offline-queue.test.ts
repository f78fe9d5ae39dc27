import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_HEADER, QUEUED_HEADER, type QueueNotice } from '../../protocol/protocol.js';
import type { ResolvedOfflineWrites } from '../../config/types.js';
import { createApiHandler } from '../create-api-handler.js';
import { fakeStack, type FakeStackOptions } from '../test-support/fake-stack.js';
import { createOfflineQueue } from './create-offline-queue.js';
import { createQueueStore } from './queue-store.js';
import { watchSignOuts } from './watch-sign-outs.js';

const API = 'http://localhost:8000/api/v1/u1/tasks';

afterEach(() => vi.unstubAllGlobals());

interface Sent {
  method: string;
  url: string;
  auth: string | null;
  key: string | null;
  marker: boolean;
  body: string;
  sub: string | undefined;
}

/**
 * The worker's real session, token provider and API handler with the queue hooked in, over a fake network
 * that can be down, and an IndexedDB (fake-indexeddb) that outlives the "worker" when passed to the next one.
 */
function offlineWorker(
  o: FakeStackOptions & {
    idb?: IDBFactory;
    options?: Partial<ResolvedOfflineWrites>;
    apiStatus?: (n: number) => number;
  } = {},
) {
  const stack = fakeStack(o);
  const net = { down: false, sent: [] as Sent[] };
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (net.down) throw new TypeError('Failed to fetch');
    const auth = req.headers.get('authorization');
    const payload = auth ? (JSON.parse(atob(auth.split('.')[1]!)) as { sub?: string }) : {};
    net.sent.push({
      method: req.method,
      url: req.url,
      auth,
      key: req.headers.get('idempotency-key'),
      marker: req.headers.has(QUEUE_HEADER),
      body: await req.text(),
      sub: payload.sub,
    });
    return new Response('{}', { status: o.apiStatus?.(net.sent.length) ?? 201 });
  });
  const notices: QueueNotice[] = [];
  const clients = {
    matchAll: async () => [{ postMessage: (m: { payload: QueueNotice }) => notices.push(m.payload) }],
  } as unknown as Clients;
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const idb = o.idb ?? new IDBFactory();
  const store = createQueueStore('test-queue', idb);
  const queue = createOfflineQueue(
    { pathPrefix: '/api', onIdentityChange: 'drop', maxEntries: 100, ...o.options },
    {
      provider: stack.provider,
      store,
      clients,
      fetchFn: (...a) => fetch(...a),
      requireHeader: '',
      now: stack.now,
      random: () => 1,
      later: (fn, ms) => void timers.push({ fn, ms }),
    },
  );
  watchSignOuts(stack.session, () => void queue.signedOut());
  const handler = createApiHandler(stack.provider, stack.state, '', queue.guard);
  const pending: Promise<unknown>[] = [];
  const write = (init: RequestInit & { url?: string } = {}) =>
    handler({
      request: new Request(init.url ?? API, {
        method: 'POST',
        body: '{"title":"offline"}',
        ...init,
        headers: { 'content-type': 'application/json', [QUEUE_HEADER]: '1', ...(init.headers as object) },
      }),
      event: { clientId: 'page-1', waitUntil: (p: Promise<unknown>) => void pending.push(p) } as unknown as FetchEvent,
    });
  const settle = async () => {
    while (pending.length) await Promise.all(pending.splice(0));
  };
  return { stack, net, notices, queue, store, idb, write, settle, timers };
}

describe('offline queue', () => {
  it('keeps a marked write made while the network is down, without its token, and answers 202 with its id', async () => {
    const w = offlineWorker();
    w.net.down = true;
    const res = await w.write({ headers: { 'x-app': 'kept' } });
    expect(res.status).toBe(202);
    const id = res.headers.get(QUEUED_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ queued: id });
    const [stored] = await w.store.all();
    expect(stored).toMatchObject({ id, method: 'POST', url: API, sub: 'u1', generation: w.stack.session.generation });
    const names = stored!.headers.map(([n]) => n);
    expect(names).toContain('x-app');
    expect(names).not.toContain('authorization');
    expect(names).not.toContain(QUEUE_HEADER);
    expect(new TextDecoder().decode(stored!.body!)).toBe('{"title":"offline"}');
    expect(w.notices).toEqual([{ id, state: 'queued' }]);
  });

  it('lets unmarked writes, reads, aborted writes and paths outside pathPrefix fail as before', async () => {
    const w = offlineWorker({ options: { pathPrefix: '/api/v1' } });
    w.net.down = true;
    // Marked (any value, even empty) and under the prefix: queued.
    expect((await w.write({ headers: { [QUEUE_HEADER]: '' } })).status).toBe(202);
    const unmarked = new Request(API, { method: 'POST', body: '{}' });
    const handler = createApiHandler(w.stack.provider, w.stack.state, '', w.queue.guard);
    const event = { clientId: 'page-1', waitUntil: () => {} } as unknown as FetchEvent;
    await expect(handler({ request: unmarked, event })).rejects.toThrow(TypeError);
    await expect(w.write({ method: 'GET', body: null })).rejects.toThrow(TypeError);
    await expect(w.write({ url: 'http://localhost:8000/api/v2/x' })).rejects.toThrow(TypeError);
    await expect(w.write({ url: 'http://localhost:8000/api/v1x' })).rejects.toThrow(TypeError);
    // Aborted by the page before the worker sent it: never sent, never queued.
    await expect(w.write({ signal: AbortSignal.abort() })).rejects.toThrow();
    expect(w.net.sent).toEqual([]);
    expect(await w.store.all()).toHaveLength(1);
  });

  it('replays in order once the network is back, each with a fresh token and its Idempotency-Key, once', async () => {
    const w = offlineWorker();
    w.net.down = true;
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) {
      ids.push((await w.write({ body: JSON.stringify({ title }) })).headers.get(QUEUED_HEADER)!);
    }
    expect(w.stack.seen.tokenFetches).toBe(1);
    w.net.down = false;
    // The next API call (any call the network answers) starts the replay.
    const res = await w.write({ body: '{"title":"online"}' });
    expect(res.status).toBe(201);
    await w.settle();
    expect(w.net.sent.map((s) => s.body)).toEqual([
      '{"title":"online"}',
      '{"title":"a"}',
      '{"title":"b"}',
      '{"title":"c"}',
    ]);
    const replays = w.net.sent.slice(1);
    expect(replays.map((s) => s.key)).toEqual(ids);
    expect(replays.every((s) => s.auth?.startsWith('Bearer ') && s.sub === 'u1' && !s.marker)).toBe(true);
    // The replay re-validated the session: a token fetch of its own, after the queued writes were made.
    expect(w.stack.seen.tokenFetches).toBe(2);
    expect(await w.store.all()).toEqual([]);
    expect(w.notices.filter((n) => n.state === 'replayed')).toEqual(
      ids.map((id) => ({ id, state: 'replayed', status: 201 })),
    );
    // A second replay sends nothing more.
    await w.queue.replay();
    expect(w.net.sent).toHaveLength(4);
  });

  it('survives a stopped worker: the next worker replays what the last one kept', async () => {
    const first = offlineWorker();
    first.net.down = true;
    const id = (await first.write()).headers.get(QUEUED_HEADER);
    const next = offlineWorker({ idb: first.idb });
    expect(await next.queue.replay()).toBe(true);
    expect(next.net.sent).toEqual([expect.objectContaining({ key: id, sub: 'u1', body: '{"title":"offline"}' })]);
  });

  it('drops queued writes at a sign-out (onIdentityChange: drop): nothing is sent afterwards', async () => {
    const w = offlineWorker();
    w.net.down = true;
    const id = (await w.write()).headers.get(QUEUED_HEADER);
    await w.stack.signOut.userSignOut(true);
    await vi.waitFor(async () => expect(await w.store.all()).toEqual([]));
    expect(w.notices).toContainEqual({ id, state: 'dropped' });
    w.net.down = false;
    expect(await w.queue.replay()).toBe(true);
    expect(w.net.sent).toEqual([]);
  });

  it('never replays under another user: dropped (drop) when the session now belongs to someone else', async () => {
    const w = offlineWorker({ sub: (n) => (n === 1 ? 'u1' : 'u2') });
    w.net.down = true;
    const id = (await w.write()).headers.get(QUEUED_HEADER);
    w.stack.session.changed(); // u2 signed in where the worker could see it, or not
    w.net.down = false;
    expect(await w.queue.replay()).toBe(true);
    expect(w.net.sent).toEqual([]);
    expect(w.notices).toContainEqual({ id, state: 'dropped' });
    expect(await w.store.all()).toEqual([]);
  });

  it('holds writes for their own user (onIdentityChange: keep): not under another user, sent when they return', async () => {
    const subs = ['u1', 'u2', 'u1'];
    const w = offlineWorker({ sub: (n) => subs[Math.min(n, 3) - 1]!, options: { onIdentityChange: 'keep' } });
    w.net.down = true;
    const id = (await w.write()).headers.get(QUEUED_HEADER)!;
    await w.stack.signOut.userSignOut(true);
    await vi.waitFor(() => expect(w.notices).toContainEqual({ id, state: 'held' }));
    expect((await w.queue.status()).pending).toEqual([expect.objectContaining({ id, sub: 'u1', held: true })]);
    w.net.down = false;
    w.stack.session.changed(); // u2 signs in
    expect(await w.queue.replay()).toBe(true);
    expect(w.net.sent).toEqual([]);
    expect(await w.store.all()).toHaveLength(1);
    w.stack.session.changed(); // u1 again
    expect(await w.queue.replay()).toBe(true);
    expect(w.net.sent).toEqual([expect.objectContaining({ key: id, sub: 'u1' })]);
    expect(w.notices.filter((n) => n.state === 'held')).toHaveLength(1);
  });

  it('a held write does not make every API call replay: one pass per session generation', async () => {
    const w = offlineWorker({ sub: (n) => (n === 1 ? 'u1' : 'u2'), options: { onIdentityChange: 'keep' } });
    w.net.down = true;
    await w.write();
    w.stack.session.changed(); // u2 now
    w.net.down = false;
    for (let i = 0; i < 3; i++) {
      expect((await w.write({ headers: { 'x-call': String(i) } })).status).toBe(201);
      await w.settle();
    }
    // u2's page calls: one token fetch for them and one for the replay's re-validation, not one per call.
    expect(w.stack.seen.tokenFetches).toBe(3);
    expect(w.net.sent.every((s) => s.sub === 'u2' && s.key === null)).toBe(true);
    expect(await w.store.all()).toHaveLength(1);
  });

  it('reports a 4xx on replay and does not retry it; retries a 5xx with backoff, keeping the order', async () => {
    // Replay answers: 1st 422, 2nd 503, then 201s.
    const w = offlineWorker({ apiStatus: (n) => (n === 1 ? 422 : n === 2 ? 503 : 201) });
    w.net.down = true;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await w.write({ body: `{"title":"${i}"}` })).headers.get(QUEUED_HEADER)!);
    w.net.down = false;
    expect(await w.queue.replay()).toBe(false);
    expect(w.notices).toContainEqual({ id: ids[0], state: 'failed', status: 422 });
    // The 5xx stops the pass, so the third write does not overtake the second.
    expect(w.net.sent.map((s) => s.key)).toEqual([ids[0], ids[1]]);
    const kept = await w.store.all();
    expect(kept.map((k) => k.id)).toEqual([ids[1], ids[2]]);
    expect(kept[0]).toMatchObject({ attempts: 1, notBefore: w.stack.now() + 1000 });
    expect(w.timers.at(-1)?.ms).toBe(1000);
    // Not before its time.
    expect(await w.queue.replay()).toBe(false);
    expect(w.net.sent).toHaveLength(2);
    w.stack.advance(1000);
    expect(await w.queue.replay()).toBe(true);
    expect(w.net.sent.map((s) => s.key)).toEqual([ids[0], ids[1], ids[1], ids[2]]);
    expect(await w.store.all()).toEqual([]);
    expect(await w.queue.status()).toMatchObject({ pending: [], replayed: 2, failed: 1, dropped: 0 });
  });

  it('keeps writes while the network stays down, and past maxEntries lets a write fail as before', async () => {
    const w = offlineWorker({ options: { maxEntries: 2 } });
    w.net.down = true;
    expect((await w.write()).status).toBe(202);
    expect((await w.write()).status).toBe(202);
    await expect(w.write()).rejects.toThrow(TypeError);
    expect(await w.queue.replay()).toBe(false);
    expect(await w.store.all()).toHaveLength(2);
    // A replay that met the network still down tries again by itself, backing off: 1 s, then 2 s.
    expect(w.timers.map((t) => t.ms)).toEqual([1000]);
    w.timers[0]!.fn();
    await vi.waitFor(() => expect(w.timers.map((t) => t.ms)).toEqual([1000, 2000]));
    w.net.down = false;
    w.timers[1]!.fn();
    await vi.waitFor(async () => expect(await w.store.all()).toEqual([]));
    expect(w.net.sent).toHaveLength(2);
  });

  it('does not replay while the token endpoint is unreachable', async () => {
    const w = offlineWorker({ tokenStatus: (n) => (n === 1 ? 200 : 503) });
    w.net.down = true;
    await w.write();
    w.net.down = false;
    expect(await w.queue.replay()).toBe(false);
    expect(w.net.sent).toEqual([]);
    expect(await w.store.all()).toHaveLength(1);
  });
});
