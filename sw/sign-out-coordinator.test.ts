import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeStack } from './test-support/fake-stack.js';

describe('SignOutCoordinator', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a user sign-out whose POST fails still tells the tabs, rejects with a coded message, and keeps the latch hard', async () => {
    const t = fakeStack({ signOutStatus: 500 });
    await t.call();
    const err = await t.signOut.userSignOut(true).catch((e: unknown) => e);
    expect((err as Error).message).toBe('sign-out-failed: status 500');
    expect(t.seen.messages.map((m) => m.payload.reason)).toEqual(['user', 'user']);
    // The cookie may still be live: a newly loaded page does not lift the latch.
    t.session.see('page-new');
    expect(t.session.latch).toBe('hard');
  });

  it('requests sent with the old token are cut once the tabs are told, or after 300 ms if the POST is slow', async () => {
    for (const slow of [false, true]) {
      vi.useFakeTimers();
      let release!: () => void;
      const posted = new Promise<void>((r) => (release = r));
      const t = fakeStack({ holdSignOut: () => posted });
      await t.call();
      const cut = t.session.cut.signal;
      const out = t.signOut.userSignOut(true);
      // Not at once: aborting hundreds of queued requests would hold up the POST and the tabs' messages.
      expect(cut.aborted).toBe(false);
      // New requests get no token from the moment the sign-out began.
      expect(t.session.cut.signal).not.toBe(cut);
      if (slow) {
        await vi.advanceTimersByTimeAsync(299);
        expect(cut.aborted).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        expect(cut.aborted).toBe(true);
        expect(t.seen.messages).toEqual([]);
      }
      release();
      await out;
      expect(t.seen.messages).toHaveLength(2);
      expect(cut.aborted).toBe(true);
      vi.useRealTimers();
    }
  });

  it('two user sign-outs at once share one POST and one broadcast; a later one is done again', async () => {
    const t = fakeStack();
    await Promise.all([t.signOut.userSignOut(true), t.signOut.userSignOut(true)]);
    expect(t.seen.signOutPosts).toBe(1);
    expect(t.seen.messages).toHaveLength(2);
    await t.signOut.userSignOut(true);
    expect(t.seen.signOutPosts).toBe(2);
  });

  it('after a clean sign-out, a newly loaded page may look for a new session (a server-side sign-in)', async () => {
    const t = fakeStack();
    await t.call();
    await t.signOut.userSignOut(true);
    expect(t.session.latch).toBe('soft');
    expect((await t.call({ clientId: 'page-1' })).status).toBe(200);
    expect(t.seen.tokenFetches).toBe(1); // the old page stays signed out
    await t.call({ clientId: 'page-2' });
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api.at(-1)!.auth).toMatch(/^Bearer /);
  });

  it('a session-lost with no session ever seen here does nothing', async () => {
    const t = fakeStack();
    await t.signOut.sessionLost(t.session.generation);
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.seen.messages).toEqual([]);
  });

  it('a stale 401 (a token fetch started before a sign-in) never signs out the session that replaced it', async () => {
    let release!: () => void;
    const markerRead = new Promise<void>((r) => (release = r));
    const marker = { get: () => markerRead.then(() => true), set: async () => {} };
    const t = fakeStack({ marker, tokenStatus: (n) => (n === 1 ? 401 : 200), sub: () => 'bob' });
    // The old session's token fetch says 401; while the worker reads its marker, Bob signs in.
    expect((await t.call()).status).toBe(200);
    expect(t.seen.api.at(-1)!.auth).toBeNull();
    expect((await t.auth('/api/auth/sign-in/email', { method: 'POST', body: '{}' })).status).toBe(200);
    release();
    // The sign-out check that 401 started (generation 0), shared by this call while it is in flight.
    await t.signOut.sessionLost(0);
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.seen.messages).toEqual([]);
    expect(t.session.latch).toBeNull();
    await t.call();
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api.at(-1)!.auth).toMatch(/^Bearer /);
  });

  it('a 401 of the current session is still a sign-out (the generation check lets the real one through)', async () => {
    const marker = { get: async () => true, set: async () => {} };
    const t = fakeStack({ marker, tokenStatus: () => 401 });
    await t.call();
    await t.signOut.sessionLost(t.session.generation);
    expect(t.seen.signOutPosts).toBe(1);
    expect(t.seen.messages.map((m) => m.payload.reason)).toEqual(['session-expired', 'session-expired']);
  });
});
