import { createServer, type Server } from 'node:http';
import type { DemoAuth } from './auth-server.js';
import { createDemoMiddleware } from './demo-middleware.js';
import type { DemoState } from './demo-state.js';

/**
 * Better Auth on an origin of its own (its `baseURL`), as `auth.example.com` serves an app on
 * `app.example.com`: only /api/auth, counted in the shared demo state, with what a browser needs to call
 * it from the app with the session cookie: CORS for the app's origin only, with credentials (a wildcard
 * origin is not allowed with credentials), and preflights for its JSON POSTs.
 */
export function createAuthOriginServer(auth: DemoAuth, state: DemoState, appOrigin: string): Server {
  const middleware = createDemoMiddleware(auth, state, appOrigin);
  return createServer((req, res) => {
    res.setHeader('vary', 'origin');
    if (req.headers.origin === appOrigin) {
      res.setHeader('access-control-allow-origin', appOrigin);
      res.setHeader('access-control-allow-credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-max-age', '600');
      res.statusCode = 204;
      return void res.end();
    }
    const notFound = () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end('{"detail":"Not found"}');
    };
    // Better Auth only: the demo controls stay on the app's origin.
    if (!(req.url ?? '').startsWith('/api/auth/')) return notFound();
    middleware(req, res, (err?: unknown) => {
      if (err) console.error(err);
      notFound();
    });
  });
}
