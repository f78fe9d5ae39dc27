import { envelope, type NotificationMessage, type SignedOutEvent } from '../src/shared/protocol.js';
import type { TokenProvider } from './token-provider.js';
import type { WorkerState } from './worker-state.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * One sign-out per lost session: however many requests or tabs see the 401s at once, the worker
 * POSTs Better Auth's sign-out once and tells every window once.
 */
export class SignOutCoordinator {
  /** True once the current session has been signed out; false again when a live session is seen. */
  private done = false;
  private seq = 0;

  constructor(
    private readonly signOutUrl: string,
    private readonly provider: TokenProvider,
    private readonly state: WorkerState,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
    private readonly clients: Clients = self.clients,
  ) {
    provider.onSessionAlive = () => {
      this.done = false;
    };
  }

  /** The API refused us and the token endpoint says there is no session. */
  sessionLost(): Promise<void> {
    return this.end('session-expired', true);
  }

  /** The user asked to sign out (through the bridge): always done, even if already signed out. */
  userSignOut(): Promise<void> {
    this.done = false;
    return this.end('user', true);
  }

  /** The page signed out through Better Auth itself and we saw the response go by. */
  observedSignOut(): Promise<void> {
    this.done = false;
    return this.end('user', false);
  }

  /** A sign-in or sign-up went by: a new session starts. */
  observedSignIn(): void {
    this.done = false;
    this.provider.reset('unknown', true);
    this.state.log('signed-in', 'caches reset');
  }

  private async end(reason: SignedOutEvent['reason'], post: boolean): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.state.counters.signOuts++;
    this.provider.reset('signed-out', true);
    this.state.log('signed-out', reason);
    if (post) {
      try {
        const res = await this.fetchFn(this.signOutUrl, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          signal: AbortSignal.timeout(5000),
        });
        void res.body?.cancel();
        if (!res.ok) this.state.log('sign-out-failed', `status ${res.status}`);
      } catch {
        // The cookie may outlive us; the session is still over as far as this worker is concerned.
        this.state.log('sign-out-failed', 'network error');
      }
    }
    const message: NotificationMessage<'signed-out'> = { ...envelope(`so-${this.state.startedAt}-${++this.seq}`), type: 'signed-out', payload: { reason } };
    const windows = await this.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const w of windows) w.postMessage(message);
  }
}
