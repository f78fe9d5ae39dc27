import { envelope, SIGN_OUT_TIMEOUT_MS, type NotificationMessage, type SignedOutEvent } from '../protocol/protocol.js';
import type { Session } from './session.js';
import { count, logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

/**
 * Ends sessions: one sign-out per lost session, however many requests or tabs see it at once. The
 * worker POSTs Better Auth's sign-out once and tells every window once.
 */
export interface SignOutCoordinator {
  /**
   * The token endpoint said 401 to a fetch of session `generation`. Only a session that was seen in this
   * browser is told it expired: a visitor who never signed in here gets no sign-out and no redirect. A
   * newer session (a sign-in while we looked) is not the one that was lost: it stays.
   */
  readonly sessionLost: (generation: number) => Promise<void>;

  /**
   * The user signed out: through the bridge (`post`: we POST Better Auth's sign-out), or through Better
   * Auth itself and we saw the response go by. Rejects (`sign-out-failed: <why>`) if our POST failed: the
   * tabs are told anyway, but the cookie may still be live and the caller must know.
   */
  readonly userSignOut: (post: boolean) => Promise<void>;
}

/** The longest a slow sign-out POST delays the cut of requests queued with the old token. */
const CUT_WITHIN_MS = 300;

// State lives in the closure: the minifier renames locals, not members.
export function createSignOutCoordinator(
  url: string,
  session: Session,
  state: WorkerState,
  fetchFn: typeof fetch,
  clients: Clients,
): SignOutCoordinator {
  let lost: Promise<void> | null = null;
  let user: Promise<void> | null = null;
  let seq = 0;

  const end = async (reason: SignedOutEvent['reason'], post: boolean): Promise<void> => {
    const cut = session.signingOut();
    // Requests queued with the old token leave at most this long after the sign-out began.
    const timer = setTimeout(() => cut.abort(), CUT_WITHIN_MS);
    if (INSPECTOR) count(state, 'signOuts');
    if (TRACE) logEvent(state, 'signed-out', reason);
    let why = '';
    if (post) {
      try {
        const res = await fetchFn(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          signal: AbortSignal.timeout(SIGN_OUT_TIMEOUT_MS),
        });
        void res.body?.cancel();
        if (!res.ok) why = `status ${res.status}`;
      } catch {
        why = 'network error';
      }
      if (TRACE && why) logEvent(state, 'sign-out-failed', why);
    }
    // A session the auth server already ended has no live cookie, whatever our POST did.
    session.signedOut(!why || reason === 'session-expired');
    const message: NotificationMessage<'signed-out'> = {
      ...envelope(`so-${state.startedAt}-${++seq}`),
      type: 'signed-out',
      payload: { reason },
    };
    for (const w of await clients.matchAll({ type: 'window', includeUncontrolled: true })) w.postMessage(message);
    clearTimeout(timer);
    cut.abort();
    // The reply carries the code (failureCode); the message is the one BearerWorkerError would have, without
    // its class in the bundle.
    if (why && reason === 'user') throw new Error('sign-out-failed: ' + why);
  };

  return {
    // A 401 while another is being handled joins it: if that one was stale, the next token fetch (after
    // the session TTL) asks again.
    sessionLost: (generation) =>
      (lost ??= (async () => {
        if ((await session.wasSeen()) && session.generation === generation) await end('session-expired', true);
      })().finally(() => (lost = null))),
    // Two tabs signing out at once share one POST and one broadcast.
    userSignOut: (post) => (user ??= end('user', post).finally(() => (user = null))),
  };
}
