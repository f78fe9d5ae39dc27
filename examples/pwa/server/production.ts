// server/production.ts: the built app (dist/) and Better Auth on one origin, with Node's http.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { toNodeHandler } from 'better-auth/node';
import { auth } from './auth.js';

const PORT = Number(process.env.PORT ?? 5173);
const DIST = new URL('../dist/', import.meta.url);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
const handleAuth = toNodeHandler(auth);

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost'); // dot segments already resolved
  if (pathname.startsWith('/api/auth/')) return handleAuth(req, res);
  let file = new URL(pathname.slice(1) || 'index.html', DIST);
  const body = await readFile(file).catch(() => readFile((file = new URL('index.html', DIST)))); // SPA routes
  res.setHeader('content-type', TYPES[extname(file.pathname)] ?? 'application/octet-stream');
  // The worker and the page must never be stale; hashed assets may be cached forever.
  res.setHeader('cache-control', file.pathname.includes('/assets/') ? 'max-age=31536000, immutable' : 'no-cache');
  res.end(body);
}).listen(PORT, () => console.log(`App on http://localhost:${PORT}`));
