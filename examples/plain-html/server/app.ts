// server/app.ts: public/ (plain HTML, no bundler), the bridge from the package, and Better Auth, on one
// origin, with Hono.
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { auth } from './auth.js';

const PORT = Number(process.env.PORT ?? 5173);
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://localhost:8000';
const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));
// The page imports 'bearer-worker' through an import map: the package's ES modules (dist/src/ and the
// dist/protocol/ they import), served as they are, and workbox-window's ES module build.
const PACKAGE = fileURLToPath(new URL('..', import.meta.resolve('bearer-worker')));
const WORKBOX_WINDOW = fileURLToPath(new URL('workbox-window.prod.mjs', import.meta.resolve('workbox-window')));
const noCache = (_path: string, c: Context) => void c.header('cache-control', 'no-cache');
const app = new Hono();

app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
app.get('/config.js', (c) =>
  c.body(`export const API_ORIGIN = ${JSON.stringify(API_ORIGIN)};\n`, 200, { 'content-type': 'text/javascript' }),
);
// serveStatic answers from its root only: it refuses dot segments, `//`, backslashes and encoded characters.
const inPackage = serveStatic({
  root: PACKAGE,
  rewriteRequestPath: (p) => p.slice('/bearer-worker'.length),
  onFound: noCache,
});
app.use('/bearer-worker/src/*', inPackage);
app.use('/bearer-worker/protocol/*', inPackage);
app.get('/workbox-window.js', serveStatic({ path: WORKBOX_WINDOW, onFound: noCache }));
app.use('*', serveStatic({ root: PUBLIC, onFound: noCache }));

serve({ fetch: app.fetch, port: PORT }, () => console.log(`App on http://localhost:${PORT}`));
