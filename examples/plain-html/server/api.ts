// server/api.ts: the API trusts nothing but a JWT it verifies against Better Auth's JWKS.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

const APP_ORIGIN = process.env.APP_ORIGIN ?? 'http://localhost:5173';
const PORT = Number(process.env.API_PORT ?? 8000);
const jwks = createRemoteJWKSet(new URL(`${APP_ORIGIN}/api/auth/jwks`));
const tasks = new Map<string, { id: number; title: string }[]>();

async function userId(authorization = ''): Promise<string | 401 | 503> {
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

const app = new Hono<{ Variables: { tasks: { id: number; title: string }[] } }>();
// CORS on every answer, 401s included: the browser hides a 401 without it behind a network error.
app.use(
  cors({
    origin: APP_ORIGIN,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
  }),
);
app.use('/api/*', async (c, next) => {
  const user = await userId(c.req.header('authorization'));
  if (typeof user === 'number') return c.json({ detail: user === 401 ? 'Not authenticated' : 'Try again' }, user);
  let mine = tasks.get(user);
  if (!mine) tasks.set(user, (mine = []));
  c.set('tasks', mine);
  await next();
});
app.get('/api/tasks', (c) => c.json({ tasks: c.get('tasks') }));
// Bodies are read only once the token checks out, and never past 16 kB.
const limit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ detail: 'Body larger than 16 kB' }, 413) });
app.post('/api/tasks', limit, async (c) => {
  const body: unknown = await c.req.json().catch(() => null);
  const title = typeof body === 'object' && body !== null && 'title' in body ? body.title : undefined;
  if (typeof title !== 'string' || !title.trim() || title.length > 200)
    return c.json({ detail: 'Body must be JSON: {"title": a non-empty string of at most 200 characters}' }, 400);
  const task = { id: c.get('tasks').length + 1, title: title.trim() };
  c.get('tasks').push(task);
  return c.json({ task }, 201);
});
app.notFound((c) => c.json({ detail: 'Not found' }, 404));
app.onError((e, c) => {
  console.error(e);
  return c.json({ detail: 'Internal error' }, 500);
});

serve({ fetch: app.fetch, port: PORT }, () => console.log(`API on http://localhost:${PORT}/api`));
