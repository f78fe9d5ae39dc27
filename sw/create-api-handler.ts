import { WORKER_ERROR_HEADER } from '../protocol/worker-errors.js';
import type { Acquired, TokenProvider } from './token-provider.js';
import { withHeaders, workerErrorResponse } from './worker-error-response.js';
import { count, logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';
import { QUEUE_HEADER } from '../protocol/protocol.js';
import type { OfflineQueue } from './offline-queue/create-offline-queue.js';
import { OFFLINE } from './offline-queue/offline-flag.js';

export interface HandlerInput {
  request: Request;
  event: FetchEvent | ExtendableEvent;
}

/** The API's own 401, marked so the page can tell "the API refuses fresh tokens" from "signed out". */
const rejected = (res: Response): Response => withHeaders(res, (h) => h.set(WORKER_ERROR_HEADER, 'token-rejected'));

/**
 * Sends an API request with the bearer token. On a 401: a newer token of the same identity, or one shared
 * refresh, and exactly one retry with the same body; never under another identity. Only the token
 * endpoint ends a session: an API that refuses a token just issued gets its 401 back, marked
 * `token-rejected`, and re-minting backs off while it keeps refusing.
 */
export function createApiHandler(
  provider: TokenProvider,
  state: WorkerState,
  requireHeader: string,
  /** Workers built with offlineWrites: the queue's hook around the first send. */
  offline?: OfflineQueue['guard'],
) {
  const session = provider.session;
  return async ({ request, event }: HandlerInput): Promise<Response> => {
    const what = TRACE ? `${request.method} ${new URL(request.url).pathname}` : '';
    const pending = provider.acquire((event as FetchEvent).clientId ?? '');
    // No await when a token is in hand: the fast path stays synchronous up to fetch().
    const first: Acquired = pending instanceof Promise ? await pending : pending;
    if (first.kind === 'error') {
      if (TRACE) logEvent(state, 'token-unavailable', `${what}: ${first.reason}`);
      return workerErrorResponse(503, 'token-unavailable', first.reason);
    }
    // Read the body once, before the first send, so a retry replays the very same bytes.
    // A Blob keeps large uploads out of JS memory in Chromium.
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    /** What a send cut by a sign-out answers: a coded 401 the page reads as "signed out", not a network error. */
    let cutOff: Response | undefined;
    const send = (a: Acquired): Promise<Response> => {
      // A sign-out or session change since the token was minted: it belongs to a session that is over.
      const token = a.kind === 'token' && a.token.generation === session.generation && !session.latch && a.token;
      // Any init resets the referrer to the worker's own URL: keep the page's.
      const init: RequestInit = { referrer: request.referrer, referrerPolicy: request.referrerPolicy };
      if (body !== null) init.body = body;
      // A sign-out cuts authorized requests that have not left yet; the page's own abort still works.
      const cut = session.cut.signal;
      if (token) init.signal = AbortSignal.any([request.signal, cut]);
      // The copy has the page's headers in a Headers we may change (authorization is not a forbidden
      // name): one header copy per send instead of two (new Headers + new Request).
      const copy = new Request(request, init);
      if (requireHeader) copy.headers.delete(requireHeader);
      if (OFFLINE) copy.headers.delete(QUEUE_HEADER);
      if (token) copy.headers.set('authorization', `Bearer ${token.value}`);
      // An aborted request never leaves, and is not counted. fetch() would reject it before recording its
      // caller's stack; formatting that stack here instead has V8 work out the source positions of every
      // function on it now (it does so lazily, on the first stack through them), so the first request that
      // is sent does not pay for them (create-api-warm-up.ts). Thrown, not returned as a rejected send, so
      // nothing that waits on a send (the offline queue) takes it for a network failure.
      if (request.signal.aborted) throw new Error(new Error().stack);
      if (INSPECTOR) count(state, token ? 'authorized' : 'passedThrough');
      return token
        ? fetch(copy).catch((err: unknown) => {
            if (!cut.aborted || request.signal.aborted) throw err;
            return (cutOff = workerErrorResponse(401, 'session-expired', 'cut by a sign-out'));
          })
        : fetch(copy);
    };

    if (first.kind === 'signed-out') {
      if (TRACE) logEvent(state, 'passed-through', `${what}: signed out`);
      return send(first);
    }
    if (first.background) event.waitUntil(first.background);
    if (TRACE && !request.signal.aborted) logEvent(state, 'authorized', what);
    let res = await (OFFLINE && offline ? offline(send(first), request, body, first.token, event) : send(first));
    if (res === cutOff) return res;
    if (res.status !== 401) {
      session.tokenAccepted(request.url);
      return res;
    }
    if (session.rejecting(request.url)) {
      if (TRACE) logEvent(state, 'rejected', `${what}: API refuses fresh tokens, re-minting backs off`);
      return rejected(res);
    }

    const renewed = provider.renew(first.token);
    const second: Acquired = renewed instanceof Promise ? await renewed : renewed;
    if (second.kind === 'error') {
      void res.body?.cancel();
      return workerErrorResponse(503, 'token-unavailable', second.reason);
    }
    // Signed out (the token endpoint said so): the sign-out under way cuts `res` (the session held a token,
    // so it was seen here), and a cut body fails in the page like a network error. A coded 401 reads as
    // "sign in again" while the bridge redirects.
    if (second.kind === 'signed-out') {
      if (TRACE) logEvent(state, 'not-retried', `${what}: signed out`);
      return workerErrorResponse(401, 'session-expired');
    }
    // Another identity now: the 401 goes back as it came.
    if (second.token.claims.sub !== first.token.claims.sub) {
      if (TRACE) logEvent(state, 'not-retried', `${what}: identity changed`);
      return res;
    }
    // Better Auth mints a byte-identical JWT within the same second (`iat` in seconds, no `jti`, deterministic
    // EdDSA): a "fresh" token equal to the refused one would only be refused again, so it is not resent.
    if (second.token.value !== first.token.value) {
      void res.body?.cancel();
      if (INSPECTOR) count(state, 'retries');
      if (TRACE) logEvent(state, 'retried', what);
      res = await send(second);
      if (res.status !== 401 || res === cutOff) return res;
    }
    // The auth server just issued that token and the API refuses it: misconfigured or lagging (issuer,
    // audience, JWKS, clocks). Not a sign-out; say so and stop re-minting for a while.
    session.tokenRejected(new URL(request.url).origin, second.token.generation);
    if (TRACE) logEvent(state, 'rejected', `${what}: API refused a fresh token`);
    return rejected(res);
  };
}
