import type { HandlerInput } from './create-api-handler.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import { workerErrorResponse } from './worker-error-response.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

/**
 * Same-origin Better Auth traffic: refuses page requests for the token, strips `set-auth-jwt` so the
 * token never reaches page script, and resets the caches when a sign-in, sign-up or sign-out goes by
 * (or a navigation to Better Auth, which is how OAuth and magic-link sign-ins end).
 */
export function createAuthHandler(authBasePath: string, signOut: SignOutCoordinator, state: WorkerState) {
  return async ({ request, event }: HandlerInput): Promise<Response> => {
    const path = new URL(request.url).pathname.slice(authBasePath.length);
    if (path === '/token') return workerErrorResponse(403, 'token-endpoint-blocked');
    if (INSPECTOR) state.counters.passedThrough++;
    const res = await fetch(request);
    if (res.ok && request.method === 'POST') {
      if (/^\/sign-(in|up)\//.test(path)) signOut.observedSignIn();
      else if (path === '/sign-out') event.waitUntil(signOut.userSignOut(false));
    } else if (request.mode === 'navigate') {
      // OAuth callbacks, magic links and e-mail verification finish with a navigation here: a session
      // may have started, so forget what we knew (the next API call asks the token endpoint).
      signOut.observedSignIn();
    }
    const headers = new Headers(res.headers);
    if (!headers.has('set-auth-jwt')) return res;
    headers.delete('set-auth-jwt');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
