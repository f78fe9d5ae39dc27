import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import type { DemoAuth } from './auth-server.js';
import { lenientPath } from './lenient-path.js';
import { refuseDemoRequest } from './demo-request-guard.js';
import type { DemoState, Faults } from './demo-state.js';

type Next = (err?: unknown) => void;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(body === null ? undefined : JSON.stringify(body));
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('body too large');
  }
  return text ? JSON.parse(text) : {};
}

function applyFaults(state: DemoState, input: unknown): Faults | string {
  if (typeof input !== 'object' || input === null) return 'expected a JSON object';
  const f = input as Partial<Record<keyof Faults, unknown>>;
  const next = { ...state.faults };
  if (f.api401Next !== undefined) {
    if (typeof f.api401Next !== 'number' || !Number.isInteger(f.api401Next) || f.api401Next < 0 || f.api401Next > 1000)
      return 'api401Next: integer 0..1000';
    next.api401Next = f.api401Next;
  }
  if (f.apiRejectNextToken !== undefined) {
    if (typeof f.apiRejectNextToken !== 'boolean') return 'apiRejectNextToken: boolean';
    next.apiRejectNextToken = f.apiRejectNextToken;
    state.rejectedToken = null;
  }
  if (f.apiUnreachable !== undefined) {
    if (typeof f.apiUnreachable !== 'boolean') return 'apiUnreachable: boolean';
    next.apiUnreachable = f.apiUnreachable;
  }
  if (f.apiRejectTokens !== undefined) {
    if (typeof f.apiRejectTokens !== 'boolean') return 'apiRejectTokens: boolean';
    next.apiRejectTokens = f.apiRejectTokens;
  }
  if (f.tokenMode !== undefined) {
    if (f.tokenMode !== 'normal' && f.tokenMode !== 'fail' && f.tokenMode !== 'slow')
      return "tokenMode: 'normal', 'fail' or 'slow'";
    next.tokenMode = f.tokenMode;
  }
  if (f.tokenDelayMs !== undefined) {
    if (
      typeof f.tokenDelayMs !== 'number' ||
      !Number.isInteger(f.tokenDelayMs) ||
      f.tokenDelayMs < 0 ||
      f.tokenDelayMs > 60_000
    )
      return 'tokenDelayMs: integer 0..60000';
    next.tokenDelayMs = f.tokenDelayMs;
  }
  if (f.apiDelayMs !== undefined) {
    if (
      typeof f.apiDelayMs !== 'number' ||
      !Number.isInteger(f.apiDelayMs) ||
      f.apiDelayMs < 0 ||
      f.apiDelayMs > 10_000
    )
      return 'apiDelayMs: integer 0..10000';
    next.apiDelayMs = f.apiDelayMs;
  }
  state.faults = next;
  return next;
}

/**
 * Connect middleware for the app origin: Better Auth at /api/auth (with the demo's token-endpoint
 * faults and counts) and the demo control endpoints at /demo/*, which answer only `appOrigin`.
 */
export function createDemoMiddleware(auth: DemoAuth, state: DemoState, appOrigin: string) {
  const authHandler = toNodeHandler(auth);

  async function handleAuth(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const a = state.auth;
    if (path === '/api/auth/get-session') a.getSession++;
    else if (req.method === 'POST' && path.startsWith('/api/auth/sign-in/')) a.signIn++;
    else if (req.method === 'POST' && path.startsWith('/api/auth/sign-up/')) a.signUp++;
    else if (req.method === 'POST' && path === '/api/auth/sign-out') {
      a.signOut++;
      a.signOutAt = Date.now();
    }
    if (path === '/api/auth/token') {
      a.tokenRequests++;
      if (state.faults.tokenMode === 'fail') {
        a.tokenFailed++;
        return json(res, 500, { error: 'demo fault: token endpoint failing' });
      }
      if (state.faults.tokenMode === 'slow') await new Promise((r) => setTimeout(r, state.faults.tokenDelayMs));
      res.on('finish', () => {
        if (res.statusCode === 200) a.tokenOk++;
        else if (res.statusCode === 401) a.tokenUnauthorized++;
        else a.tokenFailed++;
      });
    }
    await authHandler(req, res);
  }

  async function handleDemo(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const refusal = refuseDemoRequest(req, appOrigin);
    if (refusal) return json(res, refusal.status, { detail: refusal.detail });
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /demo/stats':
        return json(res, 200, state.stats());
      case 'POST /demo/stats/reset':
        state.resetStats();
        return json(res, 204, null);
      case 'POST /demo/reset':
        state.reset();
        return json(res, 204, null);
      case 'GET /demo/faults':
        return json(res, 200, state.faults);
      case 'POST /demo/faults': {
        const r = applyFaults(state, await readJson(req));
        return typeof r === 'string' ? json(res, 400, { detail: r }) : json(res, 200, r);
      }
      case 'GET /demo/settings':
        return json(res, 200, { jwtTtlSeconds: state.jwtTtlSeconds });
      case 'POST /demo/settings': {
        const ttl = ((await readJson(req)) as { jwtTtlSeconds?: unknown } | null)?.jwtTtlSeconds;
        if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 5 || ttl > 86400)
          return json(res, 400, { detail: 'jwtTtlSeconds: integer 5..86400' });
        state.jwtTtlSeconds = ttl;
        return json(res, 200, { jwtTtlSeconds: ttl });
      }
      case 'POST /demo/deploy-worker':
        return json(res, 200, { build: ++state.workerBuild });
      case 'POST /demo/revoke-session': {
        const headers = fromNodeHeaders(req.headers);
        const session = await auth.api.getSession({ headers });
        if (!session) return json(res, 401, { detail: 'No session to revoke' });
        await auth.api.revokeSessions({ headers });
        return json(res, 200, { revoked: true });
      }
      default:
        return json(res, 404, { detail: 'Unknown demo endpoint' });
    }
  }

  /** A deploy, as the browser sees one: the worker script's bytes differ (the plugin serves the code). */
  function deployedWorker(res: ServerResponse, build: number): void {
    const end = res.end.bind(res) as (chunk: string) => ServerResponse;
    res.end = ((chunk: string) => end(`${chunk}\n// demo deploy ${build}\n`)) as typeof res.end;
  }

  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const [raw, query] = (req.url ?? '/').split('?', 2) as [string, string | undefined];
    const lenient = lenientPath(raw);
    // Better Auth as a lenient proxy would reach it (see lenient-path.ts); everything else as it came.
    if (lenient.startsWith('/api/auth/')) req.url = lenient + (query === undefined ? '' : '?' + query);
    const path = lenient.startsWith('/api/auth/') ? lenient : raw;
    const handler = path.startsWith('/api/auth/') ? handleAuth : path.startsWith('/demo/') ? handleDemo : null;
    if (raw === '/sw.js' && state.workerBuild > 1) deployedWorker(res, state.workerBuild);
    if (!handler) return next();
    handler(req, res, path).catch((err: unknown) => {
      if (err instanceof SyntaxError || (err as Error)?.message === 'body too large')
        return json(res, 400, { detail: 'Invalid JSON body' });
      next(err);
    });
  };
}
