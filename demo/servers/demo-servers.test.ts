import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoAuth } from './auth-server.js';
import { createDemoMiddleware } from './demo-middleware.js';
import { DemoState, parseTtl } from './demo-state.js';
import { createResourceApi, MAX_BODY_BYTES } from './resource-api.js';

// The real auth server (Better Auth + jwt plugin on SQLite) behind the demo middleware, and the real API.
let server: Server;
let origin: string;
let api: ReturnType<typeof createResourceApi>;
const state = new DemoState(900);

async function listen(): Promise<void> {
  let handler: Parameters<typeof createServer>[1] = (_q, s) => s.end();
  server = createServer((q, s) => handler!(q, s));
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-servers-'));
  const auth = await createDemoAuth({ appOrigin: origin, dataDir, state });
  const mw = createDemoMiddleware(auth, state, origin);
  handler = (q, s) => mw(q, s, () => ((s.statusCode = 404), s.end()));
  api = createResourceApi({ appOrigin: origin, dataDir, state });
}

async function signUp(email: string): Promise<{ cookie: string; token: string; userId: string }> {
  const res = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: 'password1234', name: 'T' }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { user } = (await res.json()) as { user: { id: string } };
  const t = await fetch(`${origin}/api/auth/token`, { headers: { cookie } });
  expect(t.status).toBe(200);
  return { cookie, token: ((await t.json()) as { token: string }).token, userId: user.id };
}

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  headers.set('origin', origin);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return api.fetch(new Request(`http://localhost:8000/api${path}`, { ...init, headers }));
};
/** How many tasks alice has now (the file's tests share her list). */
const aliceTaskCount = async () =>
  ((await (await call(`/v1/${alice.userId}/tasks`, { token: alice.token })).json()) as { tasks: unknown[] }).tasks
    .length;
/** A request to the demo controls as the app's own page makes it. */
const control = (path: string, init: RequestInit = {}) =>
  fetch(`${origin}${path}`, {
    ...init,
    headers: { origin, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    iat: number;
    exp: number;
    sub: string;
    iss: string;
    aud: string;
  };

let alice: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  await listen();
  alice = await signUp(`alice-${Date.now()}@example.test`);
});
afterAll(async () => {
  await api.close();
  await new Promise((r) => server.close(r));
});
beforeEach(() => state.reset());

describe('resource API', () => {
  it('does CRUD for the token owner with the seed shapes and statuses', async () => {
    const base = `/v1/${alice.userId}/tasks`;
    const before = await aliceTaskCount();
    const created = await call(base, {
      method: 'POST',
      token: alice.token,
      body: JSON.stringify({ title: ' Buy milk ', description: '2 l' }),
    });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as { task: { id: number; title: string; completed: boolean } };
    expect(task).toMatchObject({ title: 'Buy milk', description: '2 l', completed: false });
    expect(await aliceTaskCount()).toBe(before + 1);
    const updated = await call(`${base}/${task.id}`, {
      method: 'PUT',
      token: alice.token,
      body: JSON.stringify({ completed: true }),
    });
    expect(((await updated.json()) as { task: { completed: boolean } }).task.completed).toBe(true);
    expect((await call(`${base}/${task.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    expect((await call(`${base}/${task.id}`, { method: 'DELETE', token: alice.token })).status).toBe(404);
  });

  it('applies a write once per Idempotency-Key and answers its repeats, even concurrent ones, with the first answer', async () => {
    const base = `/v1/${alice.userId}/tasks`;
    const before = await aliceTaskCount();
    const post = (key: string, title: string) =>
      call(base, {
        method: 'POST',
        token: alice.token,
        headers: { 'idempotency-key': key },
        body: JSON.stringify({ title }),
      });
    const key = `k-${Date.now()}`;
    const answers = await Promise.all([post(key, 'once'), post(key, 'once'), post(key, 'once')]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(bodies).size).toBe(1);
    const later = await post(key, 'once');
    expect(later.status).toBe(201);
    expect(await later.text()).toBe(bodies[0]);
    const other = await post(`${key}-2`, 'twice');
    expect(other.status).toBe(201);
    expect((await aliceTaskCount()) - before).toBe(2);
    const log = state.stats().api.log.filter((e) => e.idempotencyKey === key);
    expect(log).toHaveLength(4);
    expect(log.filter((e) => e.idempotentRepeat)).toHaveLength(3);
    const preflight = await call(base, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect((await post('bad key', 'x')).status).toBe(422);
  });

  it('drops connections without an answer while apiUnreachable is set: a network error, as offline', async () => {
    const dropped = createResourceApi({ appOrigin: origin, dataDir: mkdtempSync(join(tmpdir(), 'bw-drop-')), state });
    const port = ((await dropped.listen(0)).address() as AddressInfo).port;
    try {
      state.faults.apiUnreachable = true;
      await expect(fetch(`http://localhost:${port}/api/health`)).rejects.toThrow(TypeError);
      state.faults.apiUnreachable = false;
      expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
    } finally {
      await dropped.close();
    }
  });

  it('answers 401 with WWW-Authenticate and CORS headers to a missing or bad token', async () => {
    for (const [token, challenge] of [
      [undefined, 'Bearer'],
      ['not-a-jwt', 'Bearer error="invalid_token"'],
      [alice.token.slice(0, -4) + 'AAAA', 'Bearer error="invalid_token"'],
    ] as const) {
      const res = await call(`/v1/${alice.userId}/tasks`, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(challenge);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/i);
      expect(await res.json()).toEqual({ detail: expect.any(String) });
    }
  });

  it('answers 403 to another user, 404 to unknown tasks and routes, 422 with { detail } to bad input', async () => {
    expect((await call('/v1/someone-else/tasks', { token: alice.token })).status).toBe(403);
    expect(
      (await call(`/v1/${alice.userId}/tasks/999999`, { method: 'PUT', token: alice.token, body: '{"title":"x"}' }))
        .status,
    ).toBe(404);
    expect((await call('/nowhere')).status).toBe(404);
    for (const body of [
      '{',
      '[]',
      '{"title":""}',
      `{"title":"${'x'.repeat(201)}"}`,
      '{"title":"ok","completed":"yes"}',
    ]) {
      const res = await call(`/v1/${alice.userId}/tasks`, { method: 'POST', token: alice.token, body });
      expect(res.status, body).toBe(422);
      expect(((await res.json()) as { detail: string }).detail).toEqual(expect.any(String));
    }
  });

  it('answers 503, not 401, when the key set cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, 'localhost', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const blind = createResourceApi({
      appOrigin: origin,
      jwksUrl: `http://localhost:${port}/jwks`,
      dataDir: mkdtempSync(join(tmpdir(), 'bw-blind-')),
      state,
    });
    const res = await blind.fetch(
      new Request(`http://localhost:8000/api/v1/${alice.userId}/tasks`, {
        headers: { authorization: `Bearer ${alice.token}`, origin },
      }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    await blind.close();
  });

  it('answers preflights without auth and does not count them as API requests', async () => {
    const res = await call(`/v1/${alice.userId}/tasks`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(state.stats().api).toMatchObject({ requests: 0, preflights: 1 });
  });

  it('lets preflights be cached for as long as it is told (the bench: two hours)', async () => {
    const bench = createResourceApi({
      appOrigin: origin,
      dataDir: mkdtempSync(join(tmpdir(), 'bw-bench-')),
      state,
      preflightMaxAge: 7200,
    });
    const res = await bench.fetch(
      new Request(`http://localhost:8000/api/v1/${alice.userId}/tasks`, { method: 'OPTIONS', headers: { origin } }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-max-age')).toBe('7200');
    await bench.close();
  });

  it('sends no CORS allowance to other origins', async () => {
    const res = await api.fetch(
      new Request(`http://localhost:8000/api/health`, { headers: { origin: 'https://evil.example' } }),
    );
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 401 to a body without a token before reading a byte of it', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      { pull: (c) => void (pulls++, c.enqueue(new TextEncoder().encode('{"title":"x"}')), c.close()) },
      { highWaterMark: 0 },
    );
    const req = new Request(`http://localhost:8000/api/v1/${alice.userId}/tasks`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const res = await api.fetch(req);
    expect(res.status).toBe(401);
    expect(pulls).toBe(0);
    expect(req.bodyUsed).toBe(false);
    expect(state.stats().api.log.map((e) => [e.status, e.bodyLength])).toEqual([[401, undefined]]);
  });

  it('answers 413 with CORS headers to a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ title: 'x', description: 'y'.repeat(MAX_BODY_BYTES) });
    const declared = await call(`/v1/${alice.userId}/tasks`, { method: 'POST', token: alice.token, body: big });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('access-control-allow-origin')).toBe(origin);
    const streamed = await call(`/v1/${alice.userId}/tasks`, {
      method: 'POST',
      token: alice.token,
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit & { token: string });
    expect(streamed.status).toBe(413);
    const fits = JSON.stringify({ title: 'x', description: 'y'.repeat(9000) });
    expect((await call(`/v1/${alice.userId}/tasks`, { method: 'POST', token: alice.token, body: fits })).status).toBe(
      201,
    );
  });

  it('rejects the next N tokens when asked to, then recovers', async () => {
    state.faults.api401Next = 2;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(`/v1/${alice.userId}/tasks`, { token: alice.token })).status);
    expect(statuses).toEqual([401, 401, 200]);
    expect(state.stats().api.log.map((e) => e.bearer)).toEqual([true, true, true]);
  });
});

describe('auth server and demo controls', () => {
  it('signs tokens with the configured issuer and audience, and the lifetime setting applies to the next token', async () => {
    expect(claims(alice.token)).toMatchObject({ iss: origin, aud: origin, sub: alice.userId });
    expect(claims(alice.token).exp - claims(alice.token).iat).toBe(900);
    const set = await control('/demo/settings', { method: 'POST', body: JSON.stringify({ jwtTtlSeconds: 20 }) });
    expect(await set.json()).toEqual({ jwtTtlSeconds: 20 });
    const t = (await (await fetch(`${origin}/api/auth/token`, { headers: { cookie: alice.cookie } })).json()) as {
      token: string;
    };
    expect(claims(t.token).exp - claims(t.token).iat).toBe(20);
  });

  it('fails or slows the token endpoint on demand and counts every call', async () => {
    await control('/demo/faults', { method: 'POST', body: JSON.stringify({ tokenMode: 'fail' }) });
    expect((await fetch(`${origin}/api/auth/token`, { headers: { cookie: alice.cookie } })).status).toBe(500);
    await control('/demo/faults', {
      method: 'POST',
      body: JSON.stringify({ tokenMode: 'slow', tokenDelayMs: 300 }),
    });
    const started = performance.now();
    expect((await fetch(`${origin}/api/auth/token`, { headers: { cookie: alice.cookie } })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await fetch(`${origin}/api/auth/token`)).status).toBe(401);
    expect(state.stats().auth).toMatchObject({ tokenRequests: 3, tokenFailed: 1, tokenOk: 1, tokenUnauthorized: 1 });
  });

  it('refuses bad control input', async () => {
    expect((await control('/demo/faults', { method: 'POST', body: '{"tokenMode":"explode"}' })).status).toBe(400);
    expect((await control('/demo/faults', { method: 'POST', body: '{' })).status).toBe(400);
    expect((await control('/demo/settings', { method: 'POST', body: '{"jwtTtlSeconds":1}' })).status).toBe(400);
  });

  it('revokes the session on the server: the token endpoint then answers 401', async () => {
    const bob = await signUp(`bob-${Date.now()}@example.test`);
    const res = await control('/demo/revoke-session', { method: 'POST', headers: { cookie: bob.cookie } });
    expect(await res.json()).toEqual({ revoked: true });
    expect((await fetch(`${origin}/api/auth/token`, { headers: { cookie: bob.cookie } })).status).toBe(401);
    expect((await control('/demo/revoke-session', { method: 'POST', headers: { cookie: bob.cookie } })).status).toBe(
      401,
    );
  });

  it('answers the demo controls only for same-origin JSON requests', async () => {
    const evil = 'http://localhost:1';
    const refused = [
      [fetch(`${origin}/demo/stats`, { headers: { origin: evil } }), 403],
      [fetch(`${origin}/demo/settings`, { headers: { 'sec-fetch-site': 'same-site' } }), 403],
      [control('/demo/reset', { method: 'POST', headers: { origin: evil } }), 403],
      [
        fetch(`${origin}/demo/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        403,
      ],
      [control('/demo/faults', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415],
      [
        control('/demo/revoke-session', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
      ],
      [
        control('/demo/faults', {
          method: 'POST',
          headers: { 'sec-fetch-site': 'cross-site' },
          body: '{"tokenMode":"fail"}',
        }),
        403,
      ],
    ] as const;
    for (const [res, status] of refused) expect((await res).status).toBe(status);
    expect(state.faults.tokenMode).toBe('normal');
    expect((await fetch(`${origin}/demo/stats`)).status).toBe(200);
    expect((await control('/demo/stats')).status).toBe(200);
    const ok = await control('/demo/faults', { method: 'POST', body: '{"tokenMode":"fail"}' });
    expect(ok.status).toBe(200);
    expect(state.faults.tokenMode).toBe('fail');
  });

  it('parses DEMO_JWT_TTL', () => {
    expect([parseTtl('20s'), parseTtl('15m'), parseTtl('1h'), parseTtl('30'), parseTtl(undefined)]).toEqual([
      20, 900, 3600, 30, 900,
    ]);
    expect(() => parseTtl('soon')).toThrow(/DEMO_JWT_TTL/);
    expect(() => parseTtl('1s')).toThrow(/between/);
  });
});
