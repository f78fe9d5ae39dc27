import { describe, expect, it } from 'vitest';
import { Session, type Backoff } from './session.js';
import { memoryBackoffStore, noMarker } from './test-support/fake-stack.js';

function session(random = () => 0.5) {
  let now = 1_000_000;
  const s = new Session(180, 60, () => now, noMarker(), memoryBackoffStore(), random);
  return { s, advance: (ms: number) => (now += ms), now: () => now };
}

const hardLatch = (s: Session) => {
  s.signingOut();
  s.signedOut(false);
};

describe('Session transitions', () => {
  it('changed() starts a generation; only a fresh session lifts a hard latch', () => {
    const { s } = session();
    hardLatch(s);
    const before = s.generation;
    s.changed();
    expect(s.generation).toBe(before + 1);
    expect(s.latch).toBe('hard');
    expect(s.state).toBe('unknown');
    s.changed(true);
    expect(s.latch).toBeNull();
  });

  it('a soft latch (the cookie is gone) goes with any session change; a pending one stays until our sign-out ends', () => {
    const { s } = session();
    s.signingOut();
    s.signedOut(true);
    expect(s.latch).toBe('soft');
    s.changed();
    expect(s.latch).toBeNull();
    s.signingOut();
    s.changed();
    expect(s.latch).toBe('pending');
    s.signedOut(false);
    expect(s.latch).toBe('hard');
  });

  it('a newly seen page lifts a soft latch, never a hard one', () => {
    const { s } = session();
    hardLatch(s);
    s.see('new-page');
    expect(s.latch).toBe('hard');
    s.changed(true);
    s.signingOut();
    s.signedOut(true);
    s.see('another-page');
    expect(s.latch).toBeNull();
  });

  it('the token backoff doubles from 0.5 s and then waits exactly 30 s; it outlives a generation change, not a fresh sign-in', () => {
    for (const r of [0, 0.5, 1]) {
      const { s, now } = session(() => r);
      const waits: number[] = [];
      for (let i = 0; i < 12; i++) {
        s.tokenFailed();
        waits.push(s.tokenBackoff.until - now());
      }
      expect(waits.slice(0, 6)).toEqual([500, 1000, 2000, 4000, 8000, 16000].map((w) => w * (0.5 + r / 2)));
      expect(waits.slice(7)).toEqual(Array(5).fill(30_000));
      expect(Math.max(...waits)).toBe(30_000);
      s.changed();
      expect(s.backingOff(s.tokenBackoff)).toBe(true);
      s.changed(true);
      expect(s.backingOff(s.tokenBackoff)).toBe(false);
    }
  });

  it('once the failures have lasted 30 s, every wait is exactly 30 s, however few they were', () => {
    for (const r of [0, 0.99]) {
      const { s, now, advance } = session(() => r);
      s.tokenFailed();
      advance(29_000);
      s.tokenFailed();
      expect(s.tokenBackoff.until - now()).toBeLessThan(30_000);
      advance(2_000);
      s.tokenFailed();
      expect(s.tokenBackoff.until - now()).toBe(30_000);
      advance(300_000);
      s.tokenFailed();
      expect(s.tokenBackoff.until - now()).toBe(30_000);
    }
  });

  it('a token fetch that answers ends the token backoff', () => {
    const { s, now } = session();
    s.tokenFailed();
    s.noSession(s.fetchStarted());
    expect(s.backingOff(s.tokenBackoff)).toBe(false);
    s.tokenFailed();
    s.minted(s.fetchStarted(), 'x.y.z', { sub: 'u1', exp: now() / 1000 + 60, iat: now() / 1000 }, now());
    expect(s.backingOff(s.tokenBackoff)).toBe(false);
  });

  it('refusals back off per API origin; an acceptance clears only its own origin; a session change clears all', () => {
    const { s, advance } = session();
    s.tokenRejected('https://a.example', s.generation);
    expect(s.rejecting('https://a.example/api/x')).toBe(true);
    expect(s.rejecting('https://b.example/api/x')).toBe(false);
    s.tokenAccepted('https://b.example/api/y');
    expect(s.rejecting('https://a.example/z')).toBe(true);
    expect(s.snapshot().rejectBackoffUntil).toBeGreaterThan(0);
    s.tokenAccepted('https://a.example/z');
    expect(s.rejecting('https://a.example/z')).toBe(false);
    s.tokenRejected('https://a.example', s.generation);
    s.changed();
    expect(s.rejecting('https://a.example/z')).toBe(false);
    expect(s.snapshot().rejectBackoffUntil).toBe(0);
    // Concurrent refusals count once: the wait does not double while it runs.
    s.tokenRejected('https://a.example', s.generation);
    const until = s.snapshot().rejectBackoffUntil;
    s.tokenRejected('https://a.example', s.generation);
    expect(s.snapshot().rejectBackoffUntil).toBe(until);
    advance(1000);
    expect(s.rejecting('https://a.example/z')).toBe(false);
  });

  it("a refusal of an earlier generation's token sets no backoff for the session that replaced it", () => {
    const { s } = session();
    const old = s.generation;
    s.changed(true);
    s.tokenRejected('https://a.example', old);
    expect(s.rejecting('https://a.example/x')).toBe(false);
  });

  it('the token backoff is saved on each failure and on recovery, and read back once by the next worker', async () => {
    let saved: Backoff | undefined;
    const store = { get: async () => saved, set: async (b: Backoff) => void (saved = b) };
    let now = 1_000_000;
    const marker = noMarker();
    // A worker's session: each call is another worker start, reading the same stores.
    const start = () =>
      new Session(
        180,
        60,
        () => now,
        marker,
        store,
        () => 0.5,
      );
    const first = start();
    first.tokenFailed();
    now += 31_000;
    first.tokenFailed();
    expect(saved).toMatchObject({ failures: 2, until: now + 30_000 });
    const next = start();
    expect(next.backingOff(next.tokenBackoff)).toBe(false);
    await next.restoreBackoff();
    expect(next.backingOff(next.tokenBackoff)).toBe(true);
    next.tokenFailed();
    expect(next.tokenBackoff.until - now).toBe(30_000);
    next.noSession(next.fetchStarted());
    expect(saved).toMatchObject({ failures: 0, until: 0 });
  });

  it('a worker whose token endpoint answered before the backoff was read back clears it, and does not take it on', async () => {
    let saved: Backoff | undefined = { until: 2_000_000, failures: 3, since: 0 };
    const store = { get: async () => saved, set: async (b: Backoff) => void (saved = b) };
    const marker = { get: async () => true, set: async () => {} };
    const s = new Session(
      180,
      60,
      () => 1_000_000,
      marker,
      store,
      () => 0.5,
    );
    s.minted(s.fetchStarted(), 'a.b.c', { sub: 'u1', iat: 999, exp: 1_900 }, 1_000_000);
    await s.restoreBackoff();
    expect(s.backingOff(s.tokenBackoff)).toBe(false);
    expect(saved).toMatchObject({ failures: 0, until: 0 });
  });
});
