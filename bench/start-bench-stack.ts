// The demo's real servers, in this process, on ports of their own (the demo uses 5173/8000, the e2e suite
// 5273/8100), plus what only the bench needs: its pages and workers on the app origin, a static asset,
// and a "third-party" origin. Auth calls are also counted per contender, by the Referer: a page's own
// calls carry its URL, the worker's carry its script URL, both under /bench/<contender>/.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoAuth } from '../demo/servers/auth-server.js';
import { createDemoMiddleware } from '../demo/servers/demo-middleware.js';
import { DemoState } from '../demo/servers/demo-state.js';
import { createResourceApi } from '../demo/servers/resource-api.js';
import type { BenchScripts } from './build-bench-scripts.js';

export interface AuthCalls {
  token: number;
  getSession: number;
}

/**
 * One request the app or API server took while recorded (`recordRequests`): when it came (ms, Date.now()),
 * what it asked, which token it carried, what it answered. The referer says who sent it: a page's
 * calls carry its URL, its worker's token fetches the worker's script URL (the worker keeps the page's
 * referrer on API calls).
 */
export interface LoggedRequest {
  server: 'app' | 'api';
  at: number;
  method: string;
  path: string;
  referer: string;
  /** The bearer token's last 8 characters (a throwaway bench account's), to tell tokens apart; '' without one. */
  token: string;
  status: number;
}

export interface BenchStack {
  appOrigin: string;
  apiOrigin: string;
  thirdPartyOrigin: string;
  state: DemoState;
  /** Auth calls so far, by contender (copy). */
  authCalls(): Record<string, AuthCalls>;
  /**
   * Records every request both servers take from now on, until the returned function is called: it
   * stops and returns them in order. To say what a page load that made two token fetches did.
   */
  recordRequests(): () => LoggedRequest[];
  serve(scripts: BenchScripts): void;
  /** Calls `listener` for every request the app and API servers take, after their own handlers (probes). */
  onRequest(listener: (server: 'app' | 'api', req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/**
 * Bench pages are cross-origin isolated for their clock: performance.now() then ticks in 5 µs in Chromium
 * (20 µs in Firefox) instead of 100 µs (1 ms), which is 2–3 % of a 4 ms request. Every contender alike.
 */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

const PAGE = '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/bench/page.js"></script>\n';

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

const listen = (server: Server, port: number) =>
  new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve(server));
  });

export async function startBenchStack(ports = { app: 5373, api: 8200, thirdParty: 8201 }): Promise<BenchStack> {
  const appOrigin = `http://localhost:${ports.app}`;
  const apiOrigin = `http://localhost:${ports.api}`;
  const thirdPartyOrigin = `http://localhost:${ports.thirdParty}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bearer-worker-bench-'));
  // Tokens live an hour here: the floor's and the passthrough's pages hold one fixed token for the whole
  // run, and a run that extends undecided figures can pass the demo's 15 minutes (its API then answered
  // 401s, fast, and the ratios against it were void). A run gives up at 40 minutes (run.ts).
  const state = new DemoState(3600);
  const auth = await createDemoAuth({ appOrigin, dataDir, state });
  // A cached preflight that expires mid-run (the demo's 600 s) makes whichever contender bursts next pay
  // 1000 preflights the others did not: the bench asks for Chromium's cap, two hours, longer than a run.
  const api = createResourceApi({ appOrigin, dataDir, state, preflightMaxAge: 7200 });
  // Idle connections stay open between phases, for every contender alike.
  const apiServer = await api.listen(ports.api);
  apiServer.keepAliveTimeout = 60_000;
  const middleware = createDemoMiddleware(auth, state, appOrigin);

  const calls: Record<string, AuthCalls> = {};
  const count = (req: IncomingMessage) => {
    const path = (req.url ?? '').split('?')[0];
    const kind = path === '/api/auth/token' ? 'token' : path === '/api/auth/get-session' ? 'getSession' : null;
    if (!kind) return;
    const referer = req.headers.referer ? new URL(req.headers.referer).pathname : '';
    const who = /^\/bench\/([\w-]+)\//.exec(referer)?.[1] ?? 'other';
    (calls[who] ??= { token: 0, getSession: 0 })[kind]++;
  };
  let recording: LoggedRequest[] | null = null;
  const record = (server: LoggedRequest['server'], req: IncomingMessage, res: ServerResponse) => {
    if (!recording) return;
    const referer = req.headers.referer ? new URL(req.headers.referer) : null;
    const entry: LoggedRequest = {
      server,
      at: Date.now(),
      method: req.method ?? '',
      path: req.url ?? '',
      referer: referer ? referer.pathname + referer.search : '',
      token: req.headers.authorization?.slice(-8) ?? '',
      status: 0,
    };
    recording.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
  };

  let scripts: BenchScripts | undefined;
  const benchFiles = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const js = 'text/javascript';
    if (path === '/bench/page.js' && scripts) return send(res, 200, js, scripts.page);
    if (path === '/bench/bearer/sw.js' && scripts) return send(res, 200, js, scripts.bearerWorker);
    // Other builds of bearer-worker, each at /bench/bearer-<n>/ (bench/probes/probe-sequential.ts).
    const variant = /^\/bench\/bearer-(\d+)\/sw\.js$/.exec(path)?.[1];
    if (variant && scripts?.bearerVariants?.[Number(variant)])
      return send(res, 200, js, scripts.bearerVariants[Number(variant)]!);
    if (path === '/bench/passthrough/sw.js' && scripts) return send(res, 200, js, scripts.passthroughWorker);
    if (path === '/bench/inject/sw.js' && scripts) return send(res, 200, js, scripts.injectWorker);
    if (path === '/bench/decline/sw.js' && scripts) return send(res, 200, js, scripts.declineWorker);
    if (path === '/bench/one-rule/sw.js' && scripts) return send(res, 200, js, scripts.oneRuleWorker);
    if (path === '/bench/api-passthrough/sw.js' && scripts) return send(res, 200, js, scripts.apiPassthroughWorker);
    if (path === '/bench/asset.txt') return send(res, 200, 'text/plain', 'ok\n');
    if (/^\/bench\/[\w-]+\/$/.test(path)) return send(res, 200, 'text/html', PAGE, ISOLATED);
    send(res, 404, 'text/plain', 'not found\n');
  };
  const app = createServer((req, res) => {
    // bearer-worker's scope must cover Better Auth's path, and its scope is /bench/bearer/ (the other
    // contenders' pages must not be in it): its Better Auth path is /bench/bearer/auth, the same
    // Better Auth behind it.
    // (And /bench/bearer-<n>/auth for the builds compared by bench/probes/probe-sequential.ts.)
    const own = /^\/bench\/bearer(-\d+)?\/auth\//.exec(req.url ?? '')?.[0];
    if (own) req.url = '/api/auth/' + req.url!.slice(own.length);
    count(req);
    middleware(req, res, (err) => (err ? send(res, 500, 'text/plain', String(err)) : benchFiles(req, res)));
  });
  app.keepAliveTimeout = 60_000;
  await listen(app, ports.app);
  const onRequest: BenchStack['onRequest'] = (listener) => {
    app.on('request', (req, res) => listener('app', req, res));
    apiServer.on('request', (req, res) => listener('api', req, res));
  };
  onRequest(record);

  // Another origin with a tiny CORS asset, for "third-party" requests.
  const third = createServer((_req, res) =>
    send(res, 200, 'text/plain', 'ok\n', { 'access-control-allow-origin': '*' }),
  );
  third.keepAliveTimeout = 60_000;
  await listen(third, ports.thirdParty);

  return {
    appOrigin,
    apiOrigin,
    thirdPartyOrigin,
    state,
    authCalls: () => Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, { ...v }])),
    recordRequests() {
      const log: LoggedRequest[] = (recording = []);
      return () => {
        if (recording === log) recording = null;
        return log;
      };
    },
    serve: (s) => void (scripts = s),
    onRequest,
    async close() {
      const closing = (s: Server) => new Promise<void>((r) => s.close(() => r()));
      app.closeAllConnections();
      third.closeAllConnections();
      await Promise.all([closing(app), closing(third), api.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
