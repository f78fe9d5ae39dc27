// server/app.ts: public/ (plain HTML, no bundler), the bridge from the package, and Better Auth, on one origin.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { toNodeHandler } from 'better-auth/node';
import { auth } from './auth.js';

const PORT = Number(process.env.PORT ?? 5173);
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://localhost:8000';
const PUBLIC = new URL('../public/', import.meta.url);
// The page imports 'bearer-worker' through an import map: the package's ES modules, served as they are.
const BRIDGE = new URL('../node_modules/bearer-worker/dist/src/', import.meta.url);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
const handleAuth = toNodeHandler(auth);

createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost'); // dot segments already resolved
  if (pathname.startsWith('/api/auth/')) return handleAuth(req, res);
  if (pathname === '/config.js') {
    res.setHeader('content-type', 'text/javascript');
    return res.end(`export const API_ORIGIN = ${JSON.stringify(API_ORIGIN)};\n`);
  }
  const file = pathname.startsWith('/bearer-worker/')
    ? new URL(pathname.slice('/bearer-worker/'.length), BRIDGE)
    : new URL(pathname.slice(1) || 'index.html', PUBLIC);
  const body = await readFile(file).catch(() => null);
  if (!body) return void res.writeHead(404).end('Not found');
  res.setHeader('content-type', TYPES[extname(file.pathname)] ?? 'application/octet-stream');
  res.setHeader('cache-control', 'no-cache');
  res.end(body);
}).listen(PORT, () => console.log(`App on http://localhost:${PORT}`));
