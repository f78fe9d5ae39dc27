import type { ResolvedOfflineWrites } from '../../config/types.js';
import type { QueueHandlers } from '../create-message-handler.js';
import type { TokenProvider } from '../token-provider.js';
import { createOfflineQueue, type OfflineQueue } from './create-offline-queue.js';
import { createQueueStore } from './queue-store.js';
import { watchSignOuts } from './watch-sign-outs.js';

/** The Background Sync tag the queue registers when it keeps a write. */
const SYNC_TAG = 'bearer-worker-offline-writes';

interface SyncEvent extends ExtendableEvent {
  tag: string;
}
type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

/**
 * Wires the offline queue into this worker: Background Sync where the browser has it, the bridge's
 * `replay-queue` (sent when the page comes back online) and `queue-status`, and sign-outs, which end the
 * session the queued writes were made in.
 */
export function installOfflineQueue(
  options: ResolvedOfflineWrites,
  provider: TokenProvider,
  requireHeader: string,
  scope: ServiceWorkerGlobalScope,
): OfflineQueue & { handlers: QueueHandlers } {
  const registration = scope.registration as SyncRegistration;
  const queue = createOfflineQueue(options, {
    provider,
    store: createQueueStore(),
    clients: scope.clients,
    // Called through a closure: the worker's fetch throws when called as a method of another object.
    fetchFn: (...a) => fetch(...a),
    requireHeader,
    registerSync: registration.sync && (() => registration.sync!.register(SYNC_TAG)),
  });
  scope.addEventListener('sync', (event) => {
    const e = event as SyncEvent;
    // Rejecting asks the browser to fire the event again later (with its own backoff).
    if (e.tag === SYNC_TAG)
      e.waitUntil(
        queue.replay().then((done) => {
          if (!done) throw new Error('offline writes wait for the network');
        }),
      );
  });
  watchSignOuts(provider.session, () => void queue.signedOut());
  return {
    ...queue,
    handlers: {
      'queue-status': queue.status,
      'replay-queue': () => queue.replay().then(() => null),
    },
  };
}
