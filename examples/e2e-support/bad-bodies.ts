// What an example's API does with bodies no client of ours sends: each gets a 400 or 413 with a
// `detail`, and the API keeps serving. Sent from Node with a token minted as the worker mints it.
import { request, type IncomingHttpHeaders } from 'node:http';
import { expect } from '@playwright/test';

/** Signs a new user up on the app's Better Auth and mints a token with the session cookie (GET /api/auth/token). */
export async function tokenForNewUser(app: string): Promise<string> {
  const signUp = await fetch(`${app}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app },
    body: JSON.stringify({ name: 'Eve', email: `eve-${Date.now()}@example.test`, password: 'correct horse battery' }),
  });
  expect(signUp.status).toBe(200);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${app}/api/auth/token`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: unknown;
}
const CUT: Answer = { status: 0, headers: {}, json: null };

/**
 * One request on a connection of its own (`agent: false`): a server that closes the connection of a
 * body it refused must not fail the next request by reusing a pooled socket. `body` as an array is sent
 * in chunks without a Content-Length; writing stops once the answer is in.
 */
function send(url: string, method: string, headers: Record<string, string>, body?: string | Buffer | Buffer[]) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: json stays null and the caller's expectation says so
        }
        resolve({ status: res.statusCode!, headers: res.headers, json });
      });
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    // A server may close the connection under a body it refused while the client is still writing it
    // (status 0: cut); the answer may then be lost with the connection.
    req.on('error', (e: NodeJS.ErrnoException) =>
      answered ? undefined : e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve(CUT) : reject(e),
    );
    if (!Array.isArray(body)) return void req.end(body);
    const next = (i: number): void => {
      if (answered || i === body.length) return void req.end();
      if (req.write(body[i])) next(i + 1);
      else req.once('drain', () => next(i + 1));
    };
    next(0);
  });
}

const BAD: [string, string | Buffer | Buffer[], number][] = [
  ['truncated JSON', '{"title": "a', 400],
  ['not JSON', 'title=a', 400],
  ['empty', '', 400],
  ['null', 'null', 400],
  ['an array', '["a"]', 400],
  ['a string', '"a"', 400],
  ['a number', '42', 400],
  ['title a number', '{"title": 5}', 400],
  ['title an object', '{"title": {"$ne": ""}}', 400],
  ['title blank', '{"title": "   "}', 400],
  ['title too long', JSON.stringify({ title: 'a'.repeat(201) }), 400],
  ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400],
  ['deeply nested', '['.repeat(5000) + ']'.repeat(5000), 400],
  ['64 kB with a Content-Length', JSON.stringify({ title: 'a'.repeat(64 * 1024) }), 413],
  ['20 kB in chunks', Array.from({ length: 5 }, () => Buffer.alloc(4096, 'a')), 413],
];
/** Larger than the socket's buffers: refused with a 413, or cut while the client still writes. */
const HUGE = Array.from({ length: 256 }, () => Buffer.alloc(4096, 'a'));

/** Every bad body gets its status and a JSON `detail`, with CORS; then the API still adds and lists tasks. */
export async function expectApiRefusesBadBodies(api: string, app: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: app };
  const seen: Record<string, unknown> = {};
  const want: Record<string, unknown> = {};
  for (const [name, body, status] of BAD) {
    const res = await send(`${api}/api/tasks`, 'POST', headers, body);
    const detail = (res.json as { detail?: unknown } | null)?.detail;
    seen[name] = [res.status, typeof detail, res.headers['access-control-allow-origin']];
    want[name] = [status, 'string', app];
  }
  expect(seen).toEqual(want);
  const huge = await send(`${api}/api/tasks`, 'POST', headers, HUGE);
  expect([0, 413]).toContain(huge.status);
  // The process lived through all of it: a good request still works.
  const good = await send(`${api}/api/tasks`, 'POST', headers, JSON.stringify({ title: 'Still here' }));
  expect(good.status).toBe(201);
  const list = await send(`${api}/api/tasks`, 'GET', headers);
  expect([list.status, list.json]).toEqual([200, { tasks: [{ id: 1, title: 'Still here' }] }]);
}
