import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import type { Backoff } from './session.js';
import { fakeStack, memoryBackoffStore } from './test-support/fake-stack.js';

/**
 * An auth server that is down from the first call until `upAt` (worker clock, ms after the start), then
 * up. Calls come from several tabs at the given gaps. Records when each token fetch left.
 */
async function outage(gaps: number[], upAt: number, random: () => number, tabs = 3, restarts: boolean[] = []) {
  const box: { stack?: ReturnType<typeof fakeStack> } = {};
  const fetchedAt: number[] = [];
  const t0 = 1_000_000;
  const backoffStore = memoryBackoffStore();
  const start = (startAt: number) =>
    (box.stack = fakeStack({
      random,
      backoffStore,
      startAt,
      tokenStatus: () => {
        fetchedAt.push(box.stack!.now() - t0);
        return box.stack!.now() - t0 < upAt ? 503 : 200;
      },
    }));
  let stack = start(t0);
  const calls: Array<{ at: number; status: number; code: string | null; fetched: boolean }> = [];
  for (const [i, gap] of gaps.entries()) {
    stack.advance(gap);
    // The browser stops a worker idle for 30 s; the next event starts a new one with empty memory.
    if (gap >= 30_000 && restarts[i]) {
      vi.unstubAllGlobals();
      stack = start(stack.now());
    }
    const before = fetchedAt.length;
    const res = await stack.call({ clientId: `tab-${i % tabs}` });
    await stack.settle();
    calls.push({
      at: stack.now() - t0,
      status: res.status,
      code: res.headers.get(WORKER_ERROR_HEADER),
      fetched: fetchedAt.length > before,
    });
  }
  return { fetchedAt, calls };
}

/** The goal: ≤ 10 token fetches in the outage's first minute, then at most one per 30 s. */
function expectBounded(fetchedAt: number[], upAt: number) {
  const down = fetchedAt.filter((t) => t < upAt);
  const first = down[0] ?? 0;
  expect(down.filter((t) => t < first + 60_000).length).toBeLessThanOrEqual(10);
  const later = down.filter((t) => t >= first + 60_000);
  for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThanOrEqual(30_000);
  if (later.length) expect(later[0]! - down[down.indexOf(later[0]!) - 1]!).toBeGreaterThanOrEqual(30_000);
}

describe('while the auth server is down', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('100 calls 3 s apart: 8 token fetches in the first minute, then one per 30 s; the rest fail fast with a coded 503', async () => {
    const { fetchedAt, calls } = await outage(Array(100).fill(3000), Infinity, () => 0.5);
    expectBounded(fetchedAt, Infinity);
    expect(fetchedAt.length).toBeLessThanOrEqual(8 + Math.ceil((300_000 - 60_000) / 30_000));
    for (const c of calls) expect([c.status, c.code]).toEqual([503, 'token-unavailable']);
  });

  it('at any call rate and spacing, from several tabs and across worker restarts: bounded token fetches, a coded 503 meanwhile, and a working call at most 30 s after the server is back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 45_000 }), { minLength: 20, maxLength: 300 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.array(fc.boolean(), { minLength: 300, maxLength: 300 }),
        async (gaps, upAfter, r, restarts) => {
          // Keep calling for at least a minute after the server is back.
          const span = gaps.reduce((a, b) => a + b, 0);
          const upAt = Math.min(upAfter, Math.max(0, span - 61_000));
          const all = [...gaps, ...Array(40).fill(2000)];
          const { fetchedAt, calls } = await outage(all, upAt, () => r, 3, restarts);
          expectBounded(fetchedAt, upAt);
          for (const c of calls) {
            if (c.at < upAt) expect([c.status, c.code]).toEqual([503, 'token-unavailable']);
            if (c.at >= upAt + 30_000) expect(c.status).toBe(200);
          }
          // A call that did not reach the token endpoint was answered at once, by the worker.
          for (const c of calls) if (!c.fetched && c.at < upAt) expect(c.code).toBe('token-unavailable');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a worker woken during an outage keeps the pace its predecessor set (the backoff outlives it)', async () => {
    const gaps = [0, ...Array(20).fill(5000), 31_000, ...Array(20).fill(300)];
    const restarts = gaps.map((g) => g >= 30_000);
    const { fetchedAt } = await outage(gaps, Infinity, () => 0.5, 1, restarts);
    const afterRestart = fetchedAt.filter((t) => t >= 100_000 + 31_000);
    expect(afterRestart.length).toBeLessThanOrEqual(1);
    expectBounded(fetchedAt, Infinity);
  });

  it("a worker woken before its predecessor's backoff ended (a browser that stops workers early) adds one token fetch, then keeps the pace", async () => {
    const backoffStore = memoryBackoffStore();
    const t0 = 1_000_000;
    const before = fakeStack({ backoffStore, startAt: t0, tokenStatus: () => 503 });
    for (let i = 0; i < 12; i++) {
      if (i) before.advance(5000);
      await before.call();
    }
    const fetchedBefore = before.seen.tokenFetches;
    const left = (await backoffStore.get())!;
    expect(left.until - before.now()).toBeGreaterThan(0);
    // Stopped and started again while that backoff still runs; calls every 300 ms for 20 s.
    vi.unstubAllGlobals();
    const after = fakeStack({ backoffStore, startAt: before.now(), tokenStatus: () => 503 });
    for (let i = 0; i < 66; i++) {
      const res = await after.call({ clientId: `tab-${i % 3}` });
      expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-unavailable');
      after.advance(300);
    }
    expect(after.seen.tokenFetches).toBe(1);
    // Its failure counted on top of the predecessor's: the outage's pace (30 s), not a new first minute.
    expect(await backoffStore.get()).toMatchObject({ failures: left.failures + 1, since: left.since });
    expect(fetchedBefore).toBeLessThanOrEqual(8);
  });

  it("a second token fetch started while the predecessor's backoff is still being read waits for it and honours it", async () => {
    let release!: () => void;
    const read = new Promise<void>((r) => (release = r));
    const now = 1_000_000;
    const left: Backoff = { until: now + 20_000, failures: 9, since: now - 120_000 };
    const backoffStore = { get: async () => (await read, left), set: async () => {} };
    let releaseToken!: () => void;
    const held = new Promise<void>((r) => (releaseToken = r));
    const t = fakeStack({ backoffStore, startAt: now, holdToken: (n) => (n === 1 ? held : undefined) });
    const first = t.call({ clientId: 'page-1' });
    await vi.waitFor(() => expect(t.seen.tokenFetches).toBe(1));
    t.session.changed(); // a session change: the next page needs a fetch of its own
    const second = t.call({ clientId: 'page-2' });
    release();
    const res = await second;
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-unavailable');
    expect(t.seen.tokenFetches).toBe(1);
    releaseToken();
    await first;
  });

  it('a woken worker whose first token fetch works drops the backoff its predecessor left, here and for the next worker', async () => {
    const backoffStore = memoryBackoffStore();
    const now = 1_000_000;
    await backoffStore.set({ until: now + 20_000, failures: 9, since: now - 120_000 });
    const t = fakeStack({ backoffStore, startAt: now });
    expect((await t.call()).status).toBe(200);
    await t.settle();
    expect(t.session.backingOff(t.session.tokenBackoff)).toBe(false);
    expect(await backoffStore.get()).toMatchObject({ until: 0, failures: 0 });
  });
});
