import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { canonicalPath } from './canonical-path.js';
import type { HandlerInput } from './create-api-handler.js';
import type { Session } from './session.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import { withHeaders, workerErrorResponse } from './worker-error-response.js';
import { count, logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

/** The token endpoint under any spelling a lenient server might accept (`/token/`, `/%74oken`, `/token;x`…). */
const TOKEN = /^\/token(?![\w-])/;
/** Better Auth endpoints that only read: any other answer that succeeds may have changed the session. */
const READS = /^\/(token|jwks|get-session|list-sessions|ok)$/;
/** The answers that create a new session for sure: the only ones that lift a failed sign-out's latch. */
const SIGN_IN = /^\/sign-(in|up)(\/|$)/;

/**
 * Same-origin Better Auth traffic: answers the bridge's page-load hint itself, refuses page requests for
 * the token, strips `set-auth-jwt` so the token never reaches page script, and starts a new session
 * generation whenever the auth server answers anything but a known read with success, whatever the method
 * (sign-in, multi-session or organization set-active, impersonation, two-factor, passkey, OTP, update-user,
 * revoke-sessions, and GETs that sign in: magic links, email verification, OAuth callbacks by fetch or
 * navigation). A sign-out ends the session.
 */
export function createAuthHandler(
  authBasePath: string,
  session: Session,
  signOut: SignOutCoordinator,
  state: WorkerState,
  /** The page-load step, given the hint's fetch event (create-page-load-step.ts). */
  pageLoaded: (event: FetchEvent) => Promise<unknown>,
) {
  const base = canonicalPath(authBasePath)!;
  return async ({ request, event }: HandlerInput): Promise<Response> => {
    // A path whose decoding never settles is treated as the token endpoint.
    const path = canonicalPath(new URL(request.url).pathname)?.slice(base.length) ?? '/token';
    // The bridge's page-load hint: answered here, never sent. A navigation to it has no page to act for.
    if (path === PAGE_LOADED_PATH) {
      const hint = event as FetchEvent;
      if (hint.clientId) event.waitUntil(pageLoaded(hint));
      return new Response(null, { status: 204 });
    }
    if (TOKEN.test(path)) {
      if (TRACE) logEvent(state, 'token-endpoint-blocked', request.mode);
      return workerErrorResponse(403, 'token-endpoint-blocked');
    }
    if (INSPECTOR) count(state, 'passedThrough');
    const res = await fetch(request);
    // Redirects count as success (an opaque redirect has status 0).
    if (res.status < 400 && !READS.test(path)) {
      if (path === '/sign-out') event.waitUntil(signOut.userSignOut(false));
      else {
        // A navigation is never a proof of a new session: markup can start one.
        session.changed(res.ok && request.mode !== 'navigate' && SIGN_IN.test(path));
        if (TRACE) logEvent(state, 'session-changed', `${request.method} ${path}`);
      }
    }
    return res.headers.has('set-auth-jwt') ? withHeaders(res, (h) => h.delete('set-auth-jwt')) : res;
  };
}
