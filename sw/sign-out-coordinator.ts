import {
  envelope,
  SIGN_OUT_TIMEOUT_MS,
  type NotificationMessage,
  type SignedOutEvent,
} from '../src/shared/protocol.js';
import type { TokenProvider } from './token-provider.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * One sign-out per lost session: however many requests or tabs see the 401s at once, the worker
 * POSTs Better Auth's sign-out once and tells every window once.
 */
export class SignOutCoordinator {
  /** Set once the current session has been signed out; cleared when a live session is seen. */
  #done: Promise<void> | null = null;
  #seq = 0;
  #user: Promise<void> | null = null;
  #url: string;
  #provider: TokenProvider;
  #state: WorkerState;
  #fetch: typeof fetch;
  #clients: Clients;

  constructor(
    signOutUrl: string,
    provider: TokenProvider,
    state: WorkerState,
    fetchFn: typeof fetch = (...a) => fetch(...a),
    clients: Clients = self.clients,
  ) {
    this.#url = signOutUrl;
    this.#provider = provider;
    this.#state = state;
    this.#fetch = fetchFn;
    this.#clients = clients;
    provider.onSessionAlive = () => void (this.#done = null);
  }

  /** The API refused us and the token endpoint says there is no session. */
  sessionLost(): Promise<void> {
    return (this.#done ??= this.#end('session-expired', true));
  }

  /**
   * The user signed out: through the bridge (`post`: we POST Better Auth's sign-out), or through Better
   * Auth itself and we saw the response go by. Always done, even after an expiry. Rejects if our POST
   * failed: the tabs are told anyway, but the cookie may still be live and the caller must know.
   */
  userSignOut(post: boolean): Promise<void> {
    // Two tabs signing out at once share one POST and one broadcast.
    if (this.#user) return this.#user;
    const done = (this.#user = this.#end('user', post).finally(() => (this.#user = null)));
    this.#done = done.catch(() => {});
    return done;
  }

  /** A sign-in or sign-up went by: a new session starts. */
  observedSignIn(): void {
    this.#done = null;
    this.#provider.reset('unknown', true);
    if (INSPECTOR) this.#state.log('signed-in');
  }

  async #end(reason: SignedOutEvent['reason'], post: boolean): Promise<void> {
    const state = this.#state;
    this.#provider.reset('signed-out', true);
    if (INSPECTOR) {
      state.counters.signOuts++;
      state.log('signed-out', reason);
    }
    let why;
    if (post) {
      try {
        const res = await this.#fetch(this.#url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          signal: AbortSignal.timeout(SIGN_OUT_TIMEOUT_MS),
        });
        void res.body?.cancel();
        if (!res.ok) why = `status ${res.status}`;
      } catch {
        why = 'network error';
      }
      // The cookie may outlive us; the session is still over as far as this worker is concerned.
      if (INSPECTOR && why) state.log('sign-out-failed', why);
    }
    const message: NotificationMessage<'signed-out'> = {
      ...envelope(`so-${state.startedAt}-${++this.#seq}`),
      type: 'signed-out',
      payload: { reason },
    };
    for (const w of await this.#clients.matchAll({ type: 'window', includeUncontrolled: true })) w.postMessage(message);
    if (why && reason === 'user') throw why;
  }
}
