import { describe, expect, it } from 'vitest';
import { resolveConfig } from './resolve-config.js';
import { SignOutCoordinator } from './sign-out-coordinator.js';
import { TokenProvider } from './token-provider.js';
import { WorkerState } from './worker-state.js';

function setup(signOutAnswer: () => Promise<Response>) {
  const state = new WorkerState();
  const provider = new TokenProvider(
    resolveConfig({ apiOrigins: ['http://localhost:8000'] }),
    state,
    async () => new Response('{}', { status: 401 }),
    'http://app.test',
  );
  const messages: unknown[] = [];
  const clients = { matchAll: async () => [{ postMessage: (m: unknown) => messages.push(m) }] } as unknown as Clients;
  let posts = 0;
  const fetchFn = (async () => {
    posts++;
    return signOutAnswer();
  }) as typeof fetch;
  return {
    coordinator: new SignOutCoordinator('http://app.test/api/auth/sign-out', provider, state, fetchFn, clients),
    messages,
    posts: () => posts,
  };
}

describe('SignOutCoordinator', () => {
  it('a user sign-out whose POST fails still tells the tabs, then rejects so the caller knows', async () => {
    const t = setup(async () => new Response('{}', { status: 500 }));
    await expect(t.coordinator.userSignOut(true)).rejects.toBe('status 500');
    expect(t.messages).toEqual([expect.objectContaining({ type: 'signed-out', payload: { reason: 'user' } })]);
    // The failed sign-out does not leave a rejected promise behind for the session-lost path.
    await expect(t.coordinator.sessionLost()).resolves.toBeUndefined();
    expect(t.posts()).toBe(1);
  });

  it('two user sign-outs at once share one POST and one broadcast', async () => {
    const t = setup(async () => Response.json({ success: true }));
    await Promise.all([t.coordinator.userSignOut(true), t.coordinator.userSignOut(true)]);
    expect(t.posts()).toBe(1);
    expect(t.messages).toHaveLength(1);
    // Once it is over, a later sign-out is done again.
    await t.coordinator.userSignOut(true);
    expect(t.posts()).toBe(2);
  });

  it('a dead auth server during an expiry sign-out is not an error: the session is over for the worker', async () => {
    const t = setup(() => Promise.reject(new TypeError('fetch failed')));
    await expect(t.coordinator.sessionLost()).resolves.toBeUndefined();
    expect(t.messages).toHaveLength(1);
  });
});
