// server/production.ts: the built app (dist/) and Better Auth on one origin, with Hono.
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { auth } from './auth.js';

const PORT = Number(process.env.PORT ?? 5173);
const root = fileURLToPath(new URL('../dist/', import.meta.url));
const cache = (value: string) => (_path: string, c: Context) => void c.header('cache-control', value);
const app = new Hono();

app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
// serveStatic answers from dist/ only: it refuses dot segments, `//`, backslashes and encoded characters.
// Hashed assets may be cached forever; the worker and the page must never be stale.
app.use('/assets/*', serveStatic({ root, onFound: cache('max-age=31536000, immutable') }));
app.use('*', serveStatic({ root, onFound: cache('no-cache') }));
// A browser's navigation to an app route (/login, /tasks/42: plain segments) gets the page; all else is 404.
const page = serveStatic({ root, path: 'index.html', onFound: cache('no-cache') });
app.get('*', (c, next) =>
  /^(\/[\w-]+)*\/?$/.test(c.req.path) && c.req.header('accept')?.includes('text/html') ? page(c, next) : next(),
);

serve({ fetch: app.fetch, port: PORT }, () => console.log(`App on http://localhost:${PORT}`));
