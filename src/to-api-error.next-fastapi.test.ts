import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from './to-api-error.js';

// The Next + FastAPI example's real tasks API (examples/next-fastapi/api), run by Debian's uvicorn on a
// Unix socket (no port to collide on), with an Ed25519 key of ours as its JWKS: every answer below is
// FastAPI's own, through its HTTP server. Needs /usr/bin/python3 with Debian's python3-fastapi,
// python3-uvicorn and python3-jwt (`node scripts/ensure-python.mjs` installs them; CI runs it first).
const PYTHON = '/usr/bin/python3';
const API_DIR = fileURLToPath(new URL('../examples/next-fastapi/api', import.meta.url));
const APP_ORIGIN = 'http://localhost:3000';
const KID = 'to-api-error-test';

let api: ChildProcess | undefined;
let socketPath: string;
let sign: (sub: string) => Promise<string>;

/** One HTTP call over the API's socket, answered as the fetch Response a page would get. */
function call(method: string, path: string, init: { token?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { origin: APP_ORIGIN };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, String(v));
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: h }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-next-fastapi-errors-'));
  socketPath = join(dir, 'api.sock');
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwksPath = join(dir, 'jwks.json');
  writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'EdDSA' }] }));
  sign = (sub) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: KID })
      .setSubject(sub)
      .setIssuer(APP_ORIGIN)
      .setAudience(APP_ORIGIN)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);

  const child = spawn(PYTHON, ['-B', '-m', 'uvicorn', 'main:app', '--uds', socketPath, '--log-level', 'info'], {
    cwd: API_DIR,
    env: { ...process.env, APP_ORIGIN, JWKS_URL: pathToFileURL(jwksPath).href },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  api = child;
  // Ready when uvicorn says so; a missing package or a crash ends the process first.
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('Application startup complete')) resolve();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(
        new Error(
          `uvicorn exited (${code}) before it was ready. It needs ${PYTHON} with Debian's python3-fastapi, ` +
            `python3-uvicorn and python3-jwt: run node scripts/ensure-python.mjs.\n${log}`,
        ),
      ),
    );
  });
}, 30_000);

afterAll(() => {
  api?.kill();
});

describe("toApiError on the Next + FastAPI example's API", () => {
  it('401 without a token, or with one it cannot verify: please sign in', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const res = await call('GET', '/api/v1/user-1/tasks', { token });
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
    const res = await call('GET', '/api/v1/user-2/tasks', { token: await sign('user-1') });
    expect(res.status).toBe(403);
    expect(await toApiError(res)).toMatchObject({ code: 'forbidden', error: 'Forbidden', message: 'Access denied' });
  });

  it("404 for an unknown task or route: FastAPI's own words", async () => {
    const token = await sign('user-1');
    const unknownTask = await call('PUT', '/api/v1/user-1/tasks/999999', { token, body: { title: 'x' } });
    expect(await toApiError(unknownTask)).toEqual({
      status: 404,
      code: 'not-found',
      error: 'Not found',
      message: 'Task not found',
      fieldErrors: {},
    });
    expect(await toApiError(await call('GET', '/api/v2/nothing', { token }))).toMatchObject({
      status: 404,
      message: 'Not Found',
    });
  });

  it('422 keeps each field error under its field', async () => {
    const token = await sign('user-1');
    const missing = await toApiError(await call('POST', '/api/v1/user-1/tasks', { token, body: {} }));
    expect(missing).toMatchObject({ status: 422, code: 'validation', error: 'Validation error' });
    expect(Object.keys(missing.fieldErrors)).toEqual(['title']);
    expect(missing.message).toBe(`title: ${missing.fieldErrors.title[0]}`);

    const body = { title: '', description: 'd'.repeat(2001) };
    const tooShortAndLong = await toApiError(await call('POST', '/api/v1/user-1/tasks', { token, body }));
    expect(Object.keys(tooShortAndLong.fieldErrors).sort()).toEqual(['description', 'title']);
    expect(tooShortAndLong.fieldErrors.title[0]).toMatch(/at least 1 character/);
    expect(tooShortAndLong.fieldErrors.description[0]).toMatch(/at most 2000 character/);

    const badPath = await toApiError(await call('PUT', '/api/v1/user-1/tasks/abc', { token, body: {} }));
    expect(Object.keys(badPath.fieldErrors)).toEqual(['task_id']);
  });
});
