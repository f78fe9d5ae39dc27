import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.js';

describe('TokenCache', () => {
  it('counts the lifetime from receipt, so a client clock hours off the server changes nothing', () => {
    let now = 1_000_000;
    const cache = new TokenCache(180, () => now);
    // Server clock says 2001; our clock says 1970: exp is "decades away" or "long past" by wall time.
    const iat = 1_000_000_000;
    const t = cache.set('a.b.c', { iat, exp: iat + 900 }, now);
    expect(t.expiresAt).toBe(now + 900_000);
    expect(t.refreshAt).toBe(now + 720_000);
    expect(cache.freshness()).toBe('fresh');
    now += 720_000;
    expect(cache.freshness()).toBe('stale');
  });

  it('clamps the refresh margin to half the lifetime of short tokens', () => {
    let now = 0;
    const cache = new TokenCache(180, () => now);
    const t = cache.set('a.b.c', { iat: 100, exp: 120 }, 0);
    expect(t.refreshAt).toBe(10_000);
    now = 9_999;
    expect(cache.freshness()).toBe('fresh');
    now = 10_000;
    expect(cache.freshness()).toBe('stale');
    // Hard expiry keeps room for the request to reach the API: 10 % of 20 s.
    now = 18_000;
    expect(cache.freshness()).toBe('expired');
  });

  it('has no token until one is set, and clear() drops it', () => {
    const cache = new TokenCache(180, () => 0);
    expect(cache.freshness()).toBe('none');
    cache.set('a.b.c', { iat: 0, exp: 900 }, 0);
    cache.clear();
    expect(cache.freshness()).toBe('none');
    expect(cache.generation).toBe(0);
  });

  it('shares one load among concurrent callers', async () => {
    const cache = new TokenCache(180, () => 0);
    let loads = 0;
    let release!: (v: string) => void;
    const load = () => {
      loads++;
      return new Promise<string>((r) => (release = r));
    };
    const all = Promise.all(Array.from({ length: 50 }, () => cache.single(load)));
    release('tok');
    expect(await all).toEqual(Array(50).fill('tok'));
    expect(loads).toBe(1);
    // Finished loads are not reused.
    const next = cache.single(load);
    release('tok2');
    expect(await next).toBe('tok2');
    expect(loads).toBe(2);
  });

  it('starts a fresh load after a new generation instead of joining the old one', async () => {
    const cache = new TokenCache(180, () => 0);
    const seen: number[] = [];
    const releases: Array<() => void> = [];
    const load = (g: number) => {
      seen.push(g);
      return new Promise<number>((r) => releases.push(() => r(g)));
    };
    const old = cache.single(load);
    cache.clear(true);
    const fresh = cache.single(load);
    releases.forEach((r) => r());
    expect(await old).toBe(0);
    expect(await fresh).toBe(1);
    expect(seen).toEqual([0, 1]);
  });
});
