// Test support: the worker's real parts (Session, TokenProvider, SignOutCoordinator, handlers) wired to a
// fake Better Auth, a fake API, fake windows and a clock the test moves.
import { vi } from 'vitest';
import { createApiHandler } from '../create-api-handler.js';
import { createApiWarmUp } from '../create-api-warm-up.js';
import { createAuthHandler } from '../create-auth-handler.js';
import { createPageLoadStep } from '../create-page-load-step.js';
import { resolveConfig } from '../../config/resolve-config.js';
import { Session, type Backoff, type BackoffStore, type SessionMarker } from '../session.js';
import { createSignOutCoordinator } from '../sign-out-coordinator.js';
import { createTokenProvider } from '../token-provider.js';
import type { InjectorConfig } from '../../config/types.js';
import { createWorkerState } from '../worker-state.js';
import { makeJwt } from './test-tokens.js';

export const APP = 'http://app.test';
const API = 'http://localhost:8000/api/v1/u1/tasks';

/** A marker store that never remembers a session: every worker start looks like a first visit. */
export const noMarker = (): SessionMarker => ({ get: async () => false, set: async () => {} });

/** A marker store that outlives a "worker restart" (a new stack built with the same store). */
export function memoryMarker(): SessionMarker & { value: boolean } {
  const m = {
    value: false,
    get: async () => m.value,
    set: async (seen: boolean) => void (m.value = seen),
  };
  return m;
}

/** A backoff store that outlives a "worker restart", as Cache Storage does. */
export function memoryBackoffStore(): BackoffStore {
  let saved: Backoff | undefined;
  return { get: async () => saved && { ...saved }, set: async (b) => void (saved = { ...b }) };
}

export interface FakeStackOptions {
  config?: Partial<InjectorConfig>;
  /** Token endpoint status for the n-th token fetch (default 200). */
  tokenStatus?: (n: number) => number;
  /** `sub` of the n-th minted token (default 'u1'). */
  sub?: (n: number) => string;
  /** API status for a request with that Authorization, the n-th API request, to that URL (default 200). */
  apiStatus?: (auth: string | null, n: number, url: string) => number;
  /** Hold the n-th token fetch until the promise resolves. */
  holdToken?: (n: number) => Promise<void> | undefined;
  /** Hold the sign-out POST until the promise resolves. */
  holdSignOut?: () => Promise<void> | undefined;
  signOutStatus?: number;
  marker?: SessionMarker;
  lifetime?: number;
  /** Mint byte-identical tokens, as Better Auth does within one second (no fetch number in them). */
  identicalTokens?: boolean;
  /** The backoff's jitter source (default: always 0.5). */
  random?: () => number;
  /** Where the token backoff outlives the worker (a "restart" is a new stack with the same store). */
  backoffStore?: BackoffStore;
  /** The clock's start (default 1 000 000). */
  startAt?: number;
}

export function fakeStack(o: FakeStackOptions = {}) {
  let now = o.startAt ?? 1_000_000;
  const seen = {
    tokenFetches: 0,
    signOutPosts: 0,
    api: [] as Array<{ auth: string | null; body: string; headers: Headers }>,
    messages: [] as Array<{ type: string; payload: { reason: string } }>,
  };
  const authFetch = (async (url: string | URL | Request) => {
    const u = String(url);
    if (u.endsWith('/token')) {
      const n = ++seen.tokenFetches;
      await o.holdToken?.(n);
      const status = o.tokenStatus?.(n) ?? 200;
      if (status !== 200) return new Response('{}', { status });
      const iat = Math.floor(now / 1000);
      const claims = { sub: o.sub?.(n) ?? 'u1', iat, exp: iat + (o.lifetime ?? 60) };
      return Response.json({ token: makeJwt(o.identicalTokens ? claims : { ...claims, n }) });
    }
    if (u.endsWith('/sign-out')) {
      seen.signOutPosts++;
      await o.holdSignOut?.();
      return Response.json({ success: true }, { status: o.signOutStatus ?? 200 });
    }
    throw new Error('unexpected ' + u);
  }) as unknown as typeof fetch;
  vi.stubGlobal('fetch', async (req: Request) => {
    const auth = req.headers.get('authorization');
    seen.api.push({ auth, body: await req.text(), headers: req.headers });
    const status = o.apiStatus?.(auth, seen.api.length, req.url) ?? 200;
    return new Response(status === 200 ? '{"tasks":[]}' : '{"detail":"no"}', { status });
  });
  const state = createWorkerState(() => now);
  const config = resolveConfig({ apiOrigins: ['http://localhost:8000'], ...o.config });
  const session = new Session(
    config.refreshMarginSeconds,
    config.sessionTtlSeconds,
    state.now,
    o.marker ?? memoryMarker(),
    o.backoffStore ?? memoryBackoffStore(),
    o.random ?? (() => 0.5),
  );
  const windows = [1, 2].map(() => ({ postMessage: (m: never) => seen.messages.push(m) }));
  const clients = { matchAll: async () => windows } as unknown as Clients;
  const signOut = createSignOutCoordinator(
    config.authOrigin + config.authBasePath + '/sign-out',
    session,
    state,
    authFetch,
    clients,
  );
  const provider = createTokenProvider(session, config, state, (g) => void signOut.sessionLost(g), authFetch);
  const handle = createApiHandler(provider, state, config.requireHeader);
  // The page-load step as the worker builds it; each warm-up is recorded with what the API handler settled to.
  const warmUps: Array<{ clientId: string; settled: Promise<unknown> }> = [];
  const warmUp = createApiWarmUp(config, (input) => {
    const answer = handle(input);
    warmUps.push({ clientId: (input.event as FetchEvent).clientId, settled: answer.then(String, (e: unknown) => e) });
    return answer;
  });
  const pageLoaded = createPageLoadStep(provider, warmUp);
  const authHandle = createAuthHandler(config.authBasePath, session, signOut, state, pageLoaded);
  const pending: Promise<unknown>[] = [];
  const event = (clientId: string) =>
    ({ clientId, waitUntil: (p: Promise<unknown>) => void pending.push(p) }) as unknown as FetchEvent;
  /** An API call from page `clientId` (default 'page-1'). */
  const call = (init?: RequestInit & { clientId?: string; url?: string }) =>
    handle({ request: new Request(init?.url ?? API, init), event: event(init?.clientId ?? 'page-1') });
  /** A same-origin Better Auth request passing through the worker (the fake API answers it). */
  const auth = (path: string, init?: RequestInit & { clientId?: string }) =>
    authHandle({ request: new Request(APP + path, init), event: event(init?.clientId ?? 'page-1') });
  const settle = async () => {
    while (pending.length) await Promise.all(pending.splice(0));
  };
  return {
    seen,
    state,
    session,
    provider,
    signOut,
    call,
    auth,
    settle,
    /** The page-load step's warm-ups, each with what the API handler's answer settled to. */
    warmUps,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}
