// server/api.ts: the API trusts nothing but a JWT it verifies against Better Auth's JWKS.
import { createServer, type ServerResponse } from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

const APP_ORIGIN = process.env.APP_ORIGIN ?? 'http://localhost:5173';
const PORT = Number(process.env.API_PORT ?? 8000);
const jwks = createRemoteJWKSet(new URL(`${APP_ORIGIN}/api/auth/jwks`));
const tasks = new Map<string, { id: number; title: string }[]>();

const send = (res: ServerResponse, status: number, body?: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));

async function userId(authorization = ''): Promise<string | number> {
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (!token) return 401;
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer: APP_ORIGIN, audience: APP_ORIGIN });
    return payload.sub ?? 401;
  } catch (e) {
    // A bad token is the caller's problem (401); an unreachable JWKS is ours (503), not a lost session.
    return e instanceof errors.JOSEError && !(e instanceof errors.JWKSTimeout) ? 401 : 503;
  }
}

createServer(async (req, res) => {
  // CORS on every answer, 401s included: the browser hides a 401 without it behind a network error.
  res.setHeader('Access-Control-Allow-Origin', APP_ORIGIN);
  res.setHeader('Vary', 'Origin');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    return send(res, 204);
  }
  const user = await userId(req.headers.authorization);
  if (typeof user === 'number') return send(res, user, { detail: user === 401 ? 'Not authenticated' : 'Try again' });
  const mine = tasks.get(user) ?? [];
  tasks.set(user, mine);
  if (req.url === '/api/tasks' && req.method === 'GET') return send(res, 200, { tasks: mine });
  if (req.url === '/api/tasks' && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const title = String((JSON.parse(body || '{}') as { title?: unknown }).title ?? '').trim();
    if (!title) return send(res, 422, { detail: 'title: required' });
    const task = { id: mine.length + 1, title };
    mine.push(task);
    return send(res, 201, { task });
  }
  send(res, 404, { detail: 'Not found' });
}).listen(PORT, () => console.log(`API on http://localhost:${PORT}/api`));
