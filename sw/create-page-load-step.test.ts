import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { INSPECTOR } from './inspector.js';
import { fakeStack, memoryMarker } from './test-support/fake-stack.js';

const HINT = '/api/auth' + PAGE_LOADED_PATH;

describe('page-load hint (a fetch the auth route answers itself)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('re-validates for that page (one token fetch); nothing is sent', async () => {
    const t = fakeStack();
    await t.call();
    const generation = t.session.generation;
    t.session.changed();
    const sent = t.seen.api.length;
    const res = await t.auth(HINT, { clientId: 'page-2' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await t.settle();
    expect(t.session.generation).toBe(generation + 1);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api.length).toBe(sent);
    expect(t.warmUps.map((w) => w.clientId)).toEqual(['page-2']);
    // The page's first call finds its token in hand.
    await t.call({ clientId: 'page-2' });
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('a visitor with no session seen here: no token fetch', async () => {
    const t = fakeStack();
    expect((await t.auth(HINT, { clientId: 'page-1' })).status).toBe(204);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(0);
    expect(t.seen.api.length).toBe(0);
    expect(t.warmUps).toEqual([]);
  });

  it('matches under any spelling the auth route canonicalizes, and does nothing for a request without a page', async () => {
    const t = fakeStack();
    await t.call();
    t.session.changed();
    expect((await t.auth('/api/auth/__Bearer-Worker/Page-Loaded', { clientId: 'page-3' })).status).toBe(204);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(2);
    // A navigation to the hint's URL has no clientId: answered, nothing else.
    expect((await t.auth(HINT, { clientId: '' })).status).toBe(204);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('a failing token endpoint leaves the hint answered and the step settled, and the token still missing', async () => {
    const t = fakeStack({ tokenStatus: (n) => (n === 1 ? 200 : 500) });
    await t.call();
    t.session.changed();
    expect((await t.auth(HINT, { clientId: 'page-2' })).status).toBe(204);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.warmUps).toEqual([]);
  });

  it('then runs the API handler for that page on an aborted request: thrown where it would be sent, uncounted', async () => {
    const t = fakeStack();
    await t.call();
    const before = { ...t.state.counters };
    t.session.changed();
    expect((await t.auth(HINT, { clientId: 'page-2' })).status).toBe(204);
    await t.settle();
    expect(t.warmUps.map((w) => w.clientId)).toEqual(['page-2']);
    // Stopped where the handler would call fetch(), with the stack formatted there.
    const reason = await t.warmUps[0]!.settled;
    expect(reason).toBeInstanceOf(Error);
    expect((reason as Error).message).toMatch(/at .*create-api-handler/);
    expect(t.seen.api).toHaveLength(1);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.state.counters?.authorized).toBe(before.authorized);
    expect(t.state.counters?.passedThrough).toBe(before.passedThrough);
    // The page's first call then goes out as any other, and is counted (in builds that count: the
    // inspector's; others keep no counters at all).
    expect((await t.call({ clientId: 'page-2' })).status).toBe(200);
    expect(t.seen.api).toHaveLength(2);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.state.counters?.authorized).toBe(INSPECTOR ? before.authorized! + 1 : undefined);
  });

  // The bridge sends the same hint again on the first interaction after the worker may have stopped
  // (src/interaction-hint.ts): it must cost a token fetch only where the worker woke without one.
  it('an interaction hint to a running worker with the token in hand fetches nothing', async () => {
    const t = fakeStack({ lifetime: 3600 });
    expect((await t.auth(HINT, { clientId: 'page-1' })).status).toBe(204);
    await t.call();
    expect(t.seen.tokenFetches).toBe(1);
    for (let i = 0; i < 3; i++) {
      t.advance(25_000);
      expect((await t.auth(HINT, { clientId: 'page-1' })).status).toBe(204);
      await t.settle();
    }
    expect(t.seen.tokenFetches).toBe(1);
    await t.call();
    expect(t.seen.tokenFetches).toBe(1);
  });

  it('an interaction hint to a worker woken from a stop mints one token, which the call then uses', async () => {
    const marker = memoryMarker();
    const before = fakeStack({ marker });
    await before.call();
    expect(marker.value).toBe(true);
    // Stopped and started again by the hint: memory gone, the marker kept.
    const t = fakeStack({ marker });
    await Promise.all([t.auth(HINT, { clientId: 'page-1' }), t.auth(HINT, { clientId: 'page-1' })]);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(1);
    await t.call();
    expect(t.seen.tokenFetches).toBe(1);
    expect(t.seen.api[0]!.auth).toMatch(/^Bearer /);
  });

  it("a woken worker given the hint and the page's first call at once mints one token for both", async () => {
    const marker = memoryMarker();
    await fakeStack({ marker }).call();
    // Stopped; a cold page load sends the hint and, boot time later, its first call. Either may come first.
    for (const hintFirst of [true, false]) {
      const t = fakeStack({ marker });
      const hint = () => t.auth(HINT, { clientId: 'page-1' });
      const [a, b] = hintFirst ? [hint(), t.call()] : [t.call(), hint()];
      const statuses = await Promise.all([a, b].map(async (r) => (await r).status));
      await t.settle();
      expect(statuses.sort()).toEqual([200, 204]);
      expect(t.seen.tokenFetches).toBe(1);
      expect(t.seen.api[0]!.auth).toMatch(/^Bearer /);
    }
  });

  it('a woken worker whose marker read outlasts the first call mints one token: the hint looks again after the read', async () => {
    const kept = memoryMarker();
    await fakeStack({ marker: kept }).call();
    // Cache Storage in a just-started worker can take longer than the page's boot and a whole token fetch:
    // the hint waits on the marker while the first call mints, and reads "a session was seen" after it.
    let release = () => {};
    const read = new Promise<void>((r) => (release = r));
    const slow = { get: () => read.then(() => kept.get()), set: (seen: boolean) => kept.set(seen) };
    const t = fakeStack({ marker: slow });
    const hint = t.auth(HINT, { clientId: 'page-1' });
    expect((await t.call({ clientId: 'page-1' })).status).toBe(200);
    expect(t.seen.tokenFetches).toBe(1);
    release();
    expect((await hint).status).toBe(204);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(1);
  });
});
