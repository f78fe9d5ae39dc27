import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { DemoState } from './demo-state.js';
import { readLimitedBody } from './read-limited-body.js';
import { createTaskStore } from './create-task-store.js';
import { createBearerVerifier } from './verify-bearer.js';

interface ResourceApiOptions {
  appOrigin: string;
  /** Default: `${appOrigin}/api/auth/jwks`. */
  jwksUrl?: string;
  /** The auth servers whose tokens are accepted (their `iss` and `aud`). Default: `[appOrigin]`. */
  issuers?: string[];
  /** SQLite files go here unless `databaseUrl` is set. */
  dataDir: string;
  /** PostgreSQL connection string for the tasks. Default: `process.env.DATABASE_URL`; unset = SQLite. */
  databaseUrl?: string;
  state: DemoState;
  /**
   * How long browsers may cache a preflight (Access-Control-Max-Age, seconds). Default 600. The bench
   * sets Chromium's cap (7200) so that no preflight expires in the middle of a run (start-bench-stack.ts).
   */
  preflightMaxAge?: number;
}

/** Larger task bodies get 413: the API never buffers more than this per request. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Per request: the body, once the token has been checked and the body read (for the handlers and the log). */
interface BodySlot {
  raw: Uint8Array | null;
  /** Answered from the idempotency record. */
  repeat?: boolean;
}
type Env = { Variables: { userId: string }; Bindings: BodySlot };
/** A write's first answer, kept under its Idempotency-Key. */
interface Recorded {
  status: number;
  body: string;
  contentType: string;
}
/** How many Idempotency-Keys the API remembers (oldest forgotten first). */
const MAX_IDEMPOTENCY_KEYS = 10_000;
const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const detail = (
  c: Context,
  status: 400 | 401 | 403 | 404 | 413 | 422 | 503,
  text: string,
  headers?: Record<string, string>,
) => c.json({ detail: text }, status, headers);

function readTaskInput(
  body: unknown,
  partial: boolean,
): { ok: true; value: { title?: string; description?: string; completed?: boolean } } | { ok: false; detail: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, detail: 'Body must be a JSON object' };
  const b = body as Record<string, unknown>;
  const value: { title?: string; description?: string; completed?: boolean } = {};
  if (b.title !== undefined || !partial) {
    if (typeof b.title !== 'string' || !b.title.trim())
      return { ok: false, detail: 'title: a non-empty string is required' };
    if (b.title.length > 200) return { ok: false, detail: 'title: at most 200 characters' };
    value.title = b.title.trim();
  }
  if (b.description !== undefined) {
    if (typeof b.description !== 'string' || b.description.length > 10000)
      return { ok: false, detail: 'description: a string of at most 10000 characters' };
    value.description = b.description;
  }
  if (b.completed !== undefined) {
    if (typeof b.completed !== 'boolean') return { ok: false, detail: 'completed: must be true or false' };
    value.completed = b.completed;
  }
  return { ok: true, value };
}

/**
 * The seed's tasks API at /api/v1/{userId}/tasks. It trusts nothing but a JWT it can verify against the
 * auth server's JWKS; it sends CORS headers on every answer, errors included, or the browser would
 * hide our 401s behind a network error.
 */
/** The unverified `exp` and `sub` of a token, for the request log only (verification is verify-bearer's job). */
function claimsOf(token: string): { tokenExp?: number; tokenSub?: string } {
  try {
    const { exp, sub } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    return {
      ...(typeof exp === 'number' ? { tokenExp: exp } : {}),
      ...(typeof sub === 'string' ? { tokenSub: sub } : {}),
    };
  } catch {
    return {};
  }
}

export function createResourceApi(options: ResourceApiOptions) {
  const { appOrigin, state } = options;
  const store = createTaskStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? process.env.DATABASE_URL,
  });
  const verify = createBearerVerifier({
    jwksUrl: options.jwksUrl ?? `${appOrigin}/api/auth/jwks`,
    issuer: options.issuers ?? appOrigin,
    audience: options.issuers ?? appOrigin,
  });
  const app = new Hono<Env>().basePath('/api');

  app.all('/health', (c) => c.json({ ok: true }));
  // For the redirect tests: a redirect to /api/health on this same server, under the name the app uses
  // (same origin) or under 127.0.0.1 (another origin). Never anywhere else.
  app.all('/redirect/:status', (c) => {
    const status = Number(c.req.param('status'));
    if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308)
      return detail(c, 400, 'status: 301, 302, 303, 307 or 308');
    const url = new URL(c.req.url);
    const host = url.searchParams.get('to') === 'cross' ? '127.0.0.1' : url.hostname;
    const via = encodeURIComponent(url.searchParams.get('via') ?? '');
    return c.redirect(`${url.protocol}//${host}:${url.port}/api/health?via=${via}`, status);
  });

  app.use('/v1/:userId/*', async (c, next) => {
    if (state.faults.apiDelayMs) await new Promise((r) => setTimeout(r, state.faults.apiDelayMs));
    const authorization = c.req.header('authorization') ?? null;
    if (authorization && state.faults.apiRejectNextToken) state.rejectedToken ??= authorization;
    if (authorization && state.rejectedToken === authorization)
      return detail(c, 401, 'Token rejected (demo fault: its key was rotated out)', {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    if (authorization && (state.faults.apiRejectTokens || state.faults.api401Next > 0)) {
      if (!state.faults.apiRejectTokens) state.faults.api401Next--;
      return detail(c, 401, 'Token rejected (demo fault)', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const check = await verify(authorization);
    if (!check.ok) {
      if (check.status === 503) return detail(c, 503, check.detail);
      return detail(c, 401, check.detail, {
        'WWW-Authenticate': check.tokenGiven ? 'Bearer error="invalid_token"' : 'Bearer',
      });
    }
    if (check.userId !== c.req.param('userId')) return detail(c, 403, 'This token belongs to another user');
    c.set('userId', check.userId);
    await next();
  });
  // Only now, with the token checked, is the body read.
  app.use('/v1/:userId/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = await readLimitedBody(c.req.raw, MAX_BODY_BYTES);
    if (!raw) return detail(c, 413, `Body larger than ${MAX_BODY_BYTES} bytes`);
    c.env.raw = raw;
    await next();
  });

  // Idempotency-Key on a write: applied once; the same key from the same user gets the first answer again
  // (a retry whose first attempt reached us, such as the worker's offline queue replaying after a lost
  // answer). Concurrent repeats wait for the first. 5xx answers are not kept: the write may be retried.
  const idempotent = new Map<string, Promise<Recorded>>();
  app.use('/v1/:userId/*', async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) return detail(c, 422, 'Idempotency-Key: 1 to 255 visible characters');
    const k = `${c.get('userId')} ${key}`;
    const first = idempotent.get(k);
    if (first) {
      const r = await first;
      c.env.repeat = true;
      return new Response(r.body, { status: r.status, headers: { 'content-type': r.contentType } });
    }
    let record!: (r: Recorded) => void;
    idempotent.set(k, new Promise<Recorded>((resolve) => (record = resolve)));
    if (idempotent.size > MAX_IDEMPOTENCY_KEYS) idempotent.delete(idempotent.keys().next().value!);
    await next();
    const res = c.res;
    const recorded = {
      status: res.status,
      body: await res.clone().text(),
      contentType: res.headers.get('content-type') ?? 'application/json',
    };
    if (res.status >= 500) idempotent.delete(k);
    record(recorded);
  });

  const taskId = (c: Context) => {
    const raw = c.req.param('taskId') ?? '';
    return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
  };
  const body = (c: Context<Env>): unknown => {
    try {
      return JSON.parse(new TextDecoder().decode(c.env.raw ?? new Uint8Array(0)));
    } catch {
      return Symbol.for('invalid');
    }
  };

  app.get('/v1/:userId/tasks', async (c) => c.json({ tasks: await store.list(c.get('userId')) }));
  app.post('/v1/:userId/tasks', async (c) => {
    const input = readTaskInput(body(c), false);
    if (!input.ok) return detail(c, 422, input.detail);
    return c.json(
      {
        task: await store.create(c.get('userId'), {
          title: input.value.title!,
          description: input.value.description ?? '',
        }),
      },
      201,
    );
  });
  app.put('/v1/:userId/tasks/:taskId', async (c) => {
    const id = taskId(c);
    if (id === null) return detail(c, 422, 'taskId: must be a positive integer');
    const input = readTaskInput(body(c), true);
    if (!input.ok) return detail(c, 422, input.detail);
    const task = await store.update(c.get('userId'), id, input.value);
    return task ? c.json({ task }) : detail(c, 404, 'Task not found');
  });
  app.delete('/v1/:userId/tasks/:taskId', async (c) => {
    const id = taskId(c);
    if (id === null) return detail(c, 422, 'taskId: must be a positive integer');
    return (await store.delete(c.get('userId'), id)) ? c.body(null, 204) : detail(c, 404, 'Task not found');
  });
  app.notFound((c) => detail(c, 404, 'Not found'));

  // The headers are set on the answer itself, so it keeps its Content-Length: an answer rebuilt around
  // `res.body` is a stream, which @hono/node-server sends chunked, more work per request for nothing.
  const cors = (res: Response, origin: string | null): Response => {
    const headers = res.headers;
    if (origin === appOrigin) {
      headers.set('Access-Control-Allow-Origin', appOrigin);
      headers.set('Access-Control-Expose-Headers', 'WWW-Authenticate');
    }
    headers.append('Vary', 'Origin');
    return res;
  };

  /** CORS and the demo's request log wrap every answer, errors included. */
  async function handle(req: Request): Promise<Response> {
    const origin = req.headers.get('origin');
    // When the request arrived (the log is written once it is answered).
    const at = Date.now();
    if (req.method === 'OPTIONS') {
      state.api.preflights++;
      const res = new Response(null, { status: 204 });
      if (origin === appOrigin) {
        res.headers.set('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
        res.headers.set('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key');
        res.headers.set('Access-Control-Max-Age', String(options.preflightMaxAge ?? 600));
      }
      return cors(res, origin);
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
    // The body stays unread unless the token checks out (see the /v1 middlewares).
    const slot: BodySlot = { raw: null };
    const res = await app.fetch(req, slot);
    const raw = slot.raw;
    const url = new URL(req.url);
    state.recordApi({
      at,
      method: req.method,
      path: url.pathname + url.search,
      bearer: Boolean(token),
      ...(token ? { tokenId: sha(token).slice(0, 16), ...claimsOf(token) } : {}),
      status: res.status,
      ...(raw && raw.byteLength ? { bodySha256: sha(raw), bodyLength: raw.byteLength } : {}),
      ...(req.headers.has('idempotency-key') ? { idempotencyKey: req.headers.get('idempotency-key')! } : {}),
      ...(slot.repeat ? { idempotentRepeat: true } : {}),
    });
    return cors(res, origin);
  }

  let server: Server | undefined;
  return {
    fetch: handle,
    listen(port: number): Promise<Server> {
      return new Promise((resolve) => {
        const fetch = (
          req: Request,
          env: { incoming?: { socket: { destroy(): void } } },
        ): Promise<Response> | Response => {
          if (!state.faults.apiUnreachable) return handle(req);
          // No answer at all: the browser sees a network error, as if the network were down.
          env.incoming?.socket.destroy();
          return new Response(null, { status: 503 });
        };
        server = serve({ fetch, port }, () => resolve(server!)) as Server;
      });
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await store.close();
    },
  };
}
