import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAuth } from '../demo/servers/auth-server.js';
import { createDemoMiddleware } from '../demo/servers/demo-middleware.js';
import { DemoState } from '../demo/servers/demo-state.js';
import { createResourceApi, MAX_BODY_BYTES } from '../demo/servers/resource-api.js';
import { toApiError } from './to-api-error.js';

// The demo's real servers: Better Auth (jwt plugin, SQLite) on a free port for the token and the JWKS,
// and the Hono tasks API called in-process. Every response below is the API's own answer.
let server: Server;
let origin: string;
let api: ReturnType<typeof createResourceApi>;
let user: { token: string; id: string };

beforeAll(async () => {
  let handler: Parameters<typeof createServer>[1] = (_q, s) => s.end();
  server = createServer((q, s) => handler!(q, s));
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bw-api-error-'));
  const state = new DemoState(900);
  const auth = await createDemoAuth({ appOrigin: origin, dataDir, state });
  const mw = createDemoMiddleware(auth, state, origin);
  handler = (q, s) => mw(q, s, () => ((s.statusCode = 404), s.end()));
  api = createResourceApi({ appOrigin: origin, dataDir, state });

  const signUp = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: `errors-${Date.now()}@example.test`, password: 'password1234', name: 'E' }),
  });
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { user: u } = (await signUp.json()) as { user: { id: string } };
  const { token } = (await (await fetch(`${origin}/api/auth/token`, { headers: { cookie } })).json()) as {
    token: string;
  };
  user = { token, id: u.id };
});
afterAll(async () => {
  await api?.close();
  await new Promise((r) => server?.close(r));
});

const call = (path: string, init: { method?: string; body?: string; token?: string | null } = {}) => {
  const headers = new Headers({ origin, 'content-type': 'application/json' });
  const token = init.token === undefined ? user.token : init.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  return api.fetch(new Request(`http://localhost:8000/api${path}`, { method: init.method, body: init.body, headers }));
};

describe("toApiError on the demo's Hono API", () => {
  it('401 without a token or with a bad one: please sign in', async () => {
    for (const token of [null, 'not-a-jwt']) {
      const res = await call(`/v1/${user.id}/tasks`, { token });
      expect(res.status).toBe(401);
      expect(await toApiError(res)).toEqual({
        status: 401,
        code: 'unauthorized',
        error: 'Unauthorized',
        message: 'Please sign in',
        fieldErrors: {},
      });
    }
  });

  it("403 for another user's tasks: access denied", async () => {
    expect(await toApiError(await call('/v1/someone-else/tasks'))).toMatchObject({
      status: 403,
      code: 'forbidden',
      error: 'Forbidden',
      message: 'Access denied',
    });
  });

  it("404 for an unknown task or route: the API's own words", async () => {
    const unknownTask = await call(`/v1/${user.id}/tasks/999999`, { method: 'PUT', body: '{"title":"x"}' });
    expect(await toApiError(unknownTask)).toMatchObject({ status: 404, code: 'not-found', message: 'Task not found' });
    expect(await toApiError(await call('/nowhere'))).toMatchObject({ status: 404, message: 'Not found' });
  });

  it("422 for bad input: the API's own words", async () => {
    const res = await call(`/v1/${user.id}/tasks`, { method: 'POST', body: '{"title":""}' });
    expect(await toApiError(res)).toEqual({
      status: 422,
      code: 'validation',
      error: 'Validation error',
      message: 'title: a non-empty string is required',
      fieldErrors: {},
    });
  });

  it('413 for a body too large: another status, with its text', async () => {
    const body = JSON.stringify({ title: 'x', description: 'd'.repeat(MAX_BODY_BYTES) });
    expect(await toApiError(await call(`/v1/${user.id}/tasks`, { method: 'POST', body }))).toMatchObject({
      status: 413,
      code: 'http',
      error: 'Error',
      message: `Body larger than ${MAX_BODY_BYTES} bytes`,
    });
  });

  it('503 when it cannot reach the key set: a server error, its text withheld', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, 'localhost', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const blind = createResourceApi({
      appOrigin: origin,
      jwksUrl: `http://localhost:${port}/jwks`,
      dataDir: mkdtempSync(join(tmpdir(), 'bw-api-error-blind-')),
      state: new DemoState(900),
    });
    const res = await blind.fetch(
      new Request(`http://localhost:8000/api/v1/${user.id}/tasks`, {
        headers: { authorization: `Bearer ${user.token}`, origin },
      }),
    );
    await blind.close();
    expect(await toApiError(res)).toEqual({
      status: 503,
      code: 'server',
      error: 'Server error',
      message: 'Please try again later',
      fieldErrors: {},
    });
  });
});
