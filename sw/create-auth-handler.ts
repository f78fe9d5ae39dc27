import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { canonicalPath } from './canonical-path.js';
import type { HandlerInput } from './create-api-handler.js';
import type { Session } from './session.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import { withHeaders, workerErrorResponse } from './worker-error-response.js';
import { logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

/** The token endpoint under any spelling a lenient server might accept (`/token/`, `/%74oken`, `/token;x`…). */
const TOKEN = /^\/token(?![\w-])/;
/** Better Auth endpoints that only read the session: everything else that succeeds may have changed it. */
const READS = /^\/(token|jwks|get-session)$/;

/**
 * Same-origin Better Auth traffic: answers the bridge's page-load hint itself, refuses page requests for
 * the token, strips `set-auth-jwt` so the token never reaches page script, and starts a new session
 * generation whenever a write succeeds (sign-in, multi-session or organization set-active, impersonation,
 * two-factor, passkey, OTP, update-user, revoke-sessions…) or a navigation ends here (OAuth callbacks,
 * magic links). A sign-out ends the session.
 */
export function createAuthHandler(
  authBasePath: string,
  session: Session,
  signOut: SignOutCoordinator,
  state: WorkerState,
  /** The page-load step for a page (create-page-load-step.ts). */
  pageLoaded: (clientId: string) => Promise<unknown>,
) {
  const base = canonicalPath(authBasePath);
  return async ({ request, event }: HandlerInput): Promise<Response> => {
    const path = canonicalPath(new URL(request.url).pathname).slice(base.length);
    // The bridge's page-load hint: answered here, never sent. A navigation to it has no page to act for.
    if (path === PAGE_LOADED_PATH) {
      const clientId = (event as FetchEvent).clientId;
      if (clientId) event.waitUntil(pageLoaded(clientId));
      return new Response(null, { status: 204 });
    }
    if (TOKEN.test(path)) {
      if (TRACE) logEvent(state, 'token-endpoint-blocked', request.mode);
      return workerErrorResponse(403, 'token-endpoint-blocked');
    }
    if (INSPECTOR) state.counters.passedThrough++;
    const res = await fetch(request);
    if (path === '/sign-out' && res.ok && request.method === 'POST') event.waitUntil(signOut.userSignOut(false));
    // Redirects count as success (an opaque redirect has status 0).
    else if (
      request.mode === 'navigate' ||
      (res.status < 400 && request.method !== 'GET' && request.method !== 'HEAD' && !READS.test(path))
    ) {
      session.changed();
      if (TRACE) logEvent(state, 'session-changed', `${request.method} ${path}`);
    }
    return res.headers.has('set-auth-jwt') ? withHeaders(res, (h) => h.delete('set-auth-jwt')) : res;
  };
}
