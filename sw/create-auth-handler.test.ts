import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { memoryBackoffStore, noMarker } from './test-support/fake-stack.js';
import { createAuthHandler } from './create-auth-handler.js';
import { Session } from './session.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import { createWorkerState } from './worker-state.js';

const APP = 'http://app.test';

function setup(answer: Response) {
  const seen: string[] = [];
  const session = new Session(180, 60, Date.now, noMarker(), memoryBackoffStore());
  const signOut = {
    userSignOut: async (post: boolean) => void seen.push(`sign-out post=${post}`),
  } as unknown as SignOutCoordinator;
  const upstream = vi.fn(async () => answer.clone());
  vi.stubGlobal('fetch', upstream);
  const handle = createAuthHandler('/api/auth', session, signOut, createWorkerState(), async () => {});
  const waits: Promise<unknown>[] = [];
  const call = async (path: string, init?: RequestInit & { navigate?: boolean }) => {
    const request = new Request(APP + path, init);
    // Node's Request cannot be built in navigate mode: only the mode matters here.
    if (init?.navigate) Object.defineProperty(request, 'mode', { value: 'navigate' });
    const res = await handle({
      request,
      event: { waitUntil: (p: Promise<unknown>) => waits.push(p) } as unknown as ExtendableEvent,
    });
    await Promise.all(waits);
    return res;
  };
  return { seen, session, upstream, call };
}

describe('auth handler', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    '/api/auth/token',
    '/api/auth/token/',
    '/api/auth/token//',
    '/api/auth//token',
    '/api//auth/token',
    '/api/auth/%74oken',
    '/api/auth/%2574oken',
    '/api/auth/TOKEN',
    '/API/Auth/Token',
    '/api/auth/token;x=1',
    '/api/auth/./token',
    '/api/auth/x/../token',
    '/api/auth/x/%2e%2e/token',
    '/api/auth%2ftoken',
    '/api/auth/token.json',
    '/api/auth/token?x=1',
    '/api/auth/x%ff/..%2ftoken',
    '/api/auth/%ff%2f..%2f%2574oken',
    '/api/auth/%ef%bd%94oken',
    '/api/auth/%' + '25'.repeat(40) + '74oken',
  ])('refuses the token endpoint spelled %s, without asking Better Auth', async (path) => {
    const t = setup(Response.json({ token: 'eyJ.secret.x' }));
    const res = await t.call(path);
    expect(res.status).toBe(403);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-endpoint-blocked');
    expect(await res.text()).not.toContain('eyJ');
    expect(t.upstream).not.toHaveBeenCalled();
  });

  it('lets the other endpoints through (tokens, jwks are not the token endpoint)', async () => {
    const t = setup(Response.json({}));
    for (const path of ['/api/auth/jwks', '/api/auth/get-session', '/api/auth/tokens-list']) {
      expect((await t.call(path)).status).toBe(200);
    }
    expect(t.upstream).toHaveBeenCalledTimes(3);
  });

  it('strips set-auth-jwt and keeps the rest of the response', async () => {
    const t = setup(
      new Response('{"session":{}}', { status: 200, headers: { 'set-auth-jwt': 'eyJ.secret.x', 'x-other': '1' } }),
    );
    const res = await t.call('/api/auth/get-session');
    expect(res.headers.get('set-auth-jwt')).toBeNull();
    expect(res.headers.get('x-other')).toBe('1');
    expect(await res.text()).toBe('{"session":{}}');
  });

  it('a successful write starts a new generation, a failed one or a read does not; a sign-out ends the session', async () => {
    const ok = setup(Response.json({}));
    await ok.call('/api/auth/sign-in/email', { method: 'POST', body: '{}' });
    await ok.call('/api/auth/sign-up/email', { method: 'POST', body: '{}' });
    await ok.call('/api/auth/multi-session/set-active', { method: 'POST', body: '{}' });
    await ok.call('/api/auth/get-session');
    expect(ok.session.generation).toBe(3);
    await ok.call('/api/auth/sign-out', { method: 'POST', body: '{}' });
    expect(ok.seen).toEqual(['sign-out post=false']);
    const refused = setup(Response.json({}, { status: 401 }));
    await refused.call('/api/auth/sign-in/email', { method: 'POST', body: '{}' });
    await refused.call('/api/auth/sign-out', { method: 'POST', body: '{}' });
    expect(refused.session.generation).toBe(0);
    expect(refused.seen).toEqual([]);
  });

  it.each([
    '/api/auth/magic-link/verify?token=x&callbackURL=/',
    '/api/auth/verify-email?token=x',
    '/api/auth/callback/github?code=x&state=y',
    '/api/auth/one-tap/callback',
    '/api/auth/some-plugin/future-endpoint',
  ])('a successful GET %s by fetch starts a new generation (the answer decides, not the method)', async (path) => {
    const t = setup(Response.json({ status: true }));
    await t.call(path);
    expect(t.session.generation).toBe(1);
    await t.call(path, { method: 'HEAD' });
    expect(t.session.generation).toBe(2);
  });

  it('known reads and failed answers start no generation, whatever the method', async () => {
    const ok = setup(Response.json({}));
    for (const path of ['/api/auth/get-session', '/api/auth/list-sessions', '/api/auth/jwks', '/api/auth/ok'])
      await ok.call(path);
    expect(ok.session.generation).toBe(0);
    for (const status of [400, 401, 403, 404, 500]) {
      const failed = setup(Response.json({}, { status }));
      await failed.call('/api/auth/magic-link/verify?token=x');
      await failed.call('/api/auth/callback/github?code=x', { navigate: true });
      expect(failed.session.generation).toBe(0);
    }
  });

  it("a failed sign-out's hard latch is lifted by an accepted sign-in or sign-up only, never by a navigation or another answer", async () => {
    const t = setup(new Response(null, { status: 302, headers: { location: '/' } }));
    t.session.signingOut();
    t.session.signedOut(false);
    expect(t.session.latch).toBe('hard');
    await t.call('/api/auth/callback/github?code=x', { navigate: true });
    await t.call('/api/auth/sign-in/social', { navigate: true, method: 'POST', body: '{}' });
    await t.call('/api/auth/magic-link/verify?token=x');
    await t.call('/api/auth/multi-session/set-active', { method: 'POST', body: '{}' });
    expect(t.session.latch).toBe('hard');
    const refused = setup(Response.json({}, { status: 401 }));
    refused.session.signingOut();
    refused.session.signedOut(false);
    await refused.call('/api/auth/sign-in/email', { method: 'POST', body: '{}' });
    expect(refused.session.latch).toBe('hard');
    for (const path of ['/api/auth/sign-in/email', '/api/auth/sign-up/email', '/api/auth/sign-in/username']) {
      const ok = setup(Response.json({ user: {} }));
      ok.session.signingOut();
      ok.session.signedOut(false);
      await ok.call(path, { method: 'POST', body: '{}' });
      expect(ok.session.latch, path).toBeNull();
    }
  });

  it('treats a navigation to Better Auth (OAuth callback, magic link) as a possible session change', async () => {
    const t = setup(new Response(null, { status: 302, headers: { location: '/' } }));
    await t.call('/api/auth/callback/github?code=x', { navigate: true });
    expect(t.session.generation).toBe(1);
  });
});
