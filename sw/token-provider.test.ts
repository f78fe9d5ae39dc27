import { describe, expect, it } from 'vitest';
import { resolveConfig } from './resolve-config.js';
import { makeJwt } from './test-tokens.js';
import { TokenProvider } from './token-provider.js';
import { WorkerState } from './worker-state.js';

describe('TokenProvider', () => {
  it('a sign-in during a token fetch discards that answer and mints for the new session, not a sign-out', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let fetches = 0;
    const fetchFn = (async () => {
      // The first answer is for the old session (401: none); it arrives after the sign-in went by.
      if (++fetches === 1) {
        await held;
        return new Response('{}', { status: 401 });
      }
      return Response.json({ token: makeJwt({ sub: 'u2', iat: 1000, exp: 1060 }) });
    }) as typeof fetch;
    const provider = new TokenProvider(
      resolveConfig({ apiOrigins: ['http://localhost:8000'] }),
      new WorkerState(),
      fetchFn,
      'http://app.test',
    );

    const pending = provider.acquire();
    provider.reset('unknown', true); // what observing a sign-in does
    release();
    const got = await pending;
    expect(got.kind).toBe('token');
    expect(got.kind === 'token' && got.token.claims.sub).toBe('u2');
    expect(fetches).toBe(2);
  });
});
