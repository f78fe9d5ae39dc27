import { describe, expect, it } from 'vitest';
import { fetchToken } from './fetch-token.js';
import { makeJwt } from './test-support/test-tokens.js';

const call = (f: typeof fetch, timeoutMs = 200) =>
  fetchToken('http://app.test/api/auth/token', timeoutMs, 8192, f, () => 5);
const answer = (body: BodyInit | null, status = 200) =>
  (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('fetchToken', () => {
  it('reads { token } and decodes exp/iat (Better Auth sends no expiresAt)', async () => {
    const token = makeJwt({ sub: 'u1', iat: 100, exp: 1000 });
    const r = await call(answer(JSON.stringify({ token })));
    expect(r).toEqual({
      kind: 'token',
      token: token,
      claims: expect.objectContaining({ sub: 'u1', iat: 100, exp: 1000 }),
      receivedAt: 5,
    });
  });

  it('treats 401 as signed out, not as an error', async () => {
    expect(await call(answer('{}', 401))).toEqual({ kind: 'signed-out' });
  });

  it.each([
    ['a 500', answer('oops', 500), 'status 500'],
    ['a body that is not JSON', answer('<html>'), 'unreadable body'],
    ['JSON without a token', answer('{"expiresAt":1}'), 'no token in body'],
    ['a token that is not a JWT', answer('{"token":"opaque"}'), 'token is not a JWT'],
    ['a token without exp', answer(JSON.stringify({ token: makeJwt({ iat: 1 }) })), 'token has no usable exp/iat'],
    ['exp before iat', answer(JSON.stringify({ token: makeJwt({ iat: 10, exp: 5 }) })), 'token has no usable exp/iat'],
    ['a token over the cap', answer(JSON.stringify({ token: makeJwt({ exp: 9 }, 9000) })), 'token too large'],
  ])('turns %s into an error that keeps the session', async (_, f, reason) => {
    expect(await call(f)).toEqual({ kind: 'error', reason: reason });
  });

  it('stops reading an oversized body instead of buffering it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const r = await call(answer(endless));
    expect(r).toEqual({ kind: 'error', reason: 'token too large' });
    expect(pulled).toBeLessThan(10);
  });

  it('times out a hanging token endpoint', async () => {
    const hang = ((_: string, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
      )) as unknown as typeof fetch;
    expect(await call(hang, 50)).toEqual({ kind: 'error', reason: 'timeout' });
  });

  it('reports a dead auth server as a network error', async () => {
    const dead = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await call(dead)).toEqual({ kind: 'error', reason: 'network error' });
  });
});
