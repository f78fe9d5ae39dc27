import type { SignOutCoordinator } from './sign-out-coordinator.js';
import type { TokenProvider } from './token-provider.js';
import { workerErrorResponse } from './worker-error-response.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

export interface HandlerInput {
  request: Request;
  event: ExtendableEvent;
}

/**
 * Sends an API request with the bearer token; on a 401, one shared refresh and exactly one retry with
 * the same body; when the session is gone, one sign-out and the 401 goes back to the caller.
 */
export function createApiHandler(provider: TokenProvider, signOut: SignOutCoordinator, state: WorkerState) {
  const { counters } = state;
  return async ({ request, event }: HandlerInput): Promise<Response> => {
    // Read the body once, before the first send, so a retry replays the very same bytes.
    // A Blob keeps large uploads out of JS memory in Chromium.
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    const send = (token: string | null): Promise<Response> => {
      // Any init resets the referrer to the worker's own URL: keep the page's.
      const init: RequestInit = { referrer: request.referrer, referrerPolicy: request.referrerPolicy };
      if (body !== null) init.body = body;
      // The copy has the page's headers in a Headers we may change (authorization is not a forbidden
      // name): one header copy per send instead of two (new Headers + new Request), ~2x cheaper.
      const copy = new Request(request, init);
      if (token !== null) copy.headers.set('authorization', `Bearer ${token}`);
      return fetch(copy);
    };
    const lost = () => event.waitUntil(signOut.sessionLost());

    const first = await provider.acquire();
    if (first.kind === 'error') return workerErrorResponse(503, 'token-unavailable', first.reason);
    if (first.kind === 'signed-out') {
      if (INSPECTOR) counters.passedThrough++;
      const res = await send(null);
      if (res.status === 401) lost();
      return res;
    }
    if (first.background) event.waitUntil(first.background);
    if (INSPECTOR) counters.authorized++;
    const res = await send(first.token.value);
    if (res.status !== 401) return res;

    const second = await provider.renew(first.token.value);
    if (second.kind === 'error') {
      void res.body?.cancel();
      return workerErrorResponse(503, 'token-unavailable', second.reason);
    }
    if (second.kind === 'signed-out') {
      lost();
      return res;
    }
    void res.body?.cancel();
    if (INSPECTOR) {
      counters.retries++;
      state.log('retry', `${request.method} ${new URL(request.url).pathname}`);
    }
    const retry = await send(second.token.value);
    if (retry.status === 401) lost();
    return retry;
  };
}
