import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeStack } from './test-support/fake-stack.js';

describe('TokenProvider', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a sign-in during a token fetch discards that answer and mints for the new session, not a sign-out', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const t = fakeStack({ holdToken: (n) => (n === 1 ? held : undefined), tokenStatus: (n) => (n === 1 ? 401 : 200) });
    const pending = t.provider.acquire('page-1');
    t.session.changed(); // what a sign-in going by does
    release();
    const got = await pending;
    expect(got.kind).toBe('token');
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.session.state).toBe('signed-in');
  });

  it('a page first seen while a fetch is in flight waits for a fetch started after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const t = fakeStack({ holdToken: (n) => (n === 1 ? held : undefined) });
    const a = t.provider.acquire('page-1');
    const b = t.provider.acquire('page-2'); // loaded after the first fetch left
    release();
    await Promise.all([a, b]);
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('a known "no session" is trusted for sessionTtlSeconds, per page', async () => {
    const t = fakeStack({ tokenStatus: () => 401 });
    await t.provider.acquire('page-1');
    await t.provider.acquire('page-1');
    expect(t.seen.tokenFetches).toBe(1);
    await t.provider.acquire('page-2'); // a new page checks again
    expect(t.seen.tokenFetches).toBe(2);
    t.advance(61_000);
    await t.provider.acquire('page-1');
    expect(t.seen.tokenFetches).toBe(3);
  });
});
