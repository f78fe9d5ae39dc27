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
// The page imports 'bearer-worker' through an import map: the package's ES modules, served as they are.
const BRIDGE = fileURLToPath(new URL('.', import.meta.resolve('bearer-worker')));
const noCache = (_path: string, c: Context) => void c.header('cache-control', 'no-cache');
const app = new Hono();

app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
app.get('/config.js', (c) =>
  c.body(`export const API_ORIGIN = ${JSON.stringify(API_ORIGIN)};\n`, 200, { 'content-type': 'text/javascript' }),
);
// serveStatic answers from its root only: it refuses dot segments, `//`, backslashes and encoded characters.
const bridgePath = (path: string) => path.slice('/bearer-worker'.length);
app.use('/bearer-worker/*', serveStatic({ root: BRIDGE, rewriteRequestPath: bridgePath, onFound: noCache }));
app.use('*', serveStatic({ root: PUBLIC, onFound: noCache }));

serve({ fetch: app.fetch, port: PORT }, () => console.log(`App on http://localhost:${PORT}`));
