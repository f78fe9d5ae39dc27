import { resolveConfig } from '../config/resolve-config.js';
import { startTokenInjector } from './start-token-injector.js';
import type { InjectorConfig } from '../config/types.js';
import { optionError } from '../protocol/check-option.js';
import { OFFLINE } from './offline-queue/offline-flag.js';

/**
 * Turns this service worker into a token injector: plain fetch() calls to the API origins leave with
 * `Authorization: Bearer <jwt>` minted from the Better Auth session cookie. Usable in any worker.
 * Throws BearerWorkerError('invalid-options') for a wrong config.
 */
export function installTokenInjector(config: InjectorConfig, options: { build?: string } = {}): void {
  // A host worker's own routes win: no Static Routing rules unless the host asks for them (staticRoutes).
  const resolved = resolveConfig(config, 'none');
  if (resolved.offlineWrites && !OFFLINE)
    optionError(
      'offlineWrites',
      'needs the queue compiled in: define __BEARER_WORKER_OFFLINE__ as true in your worker build.',
    );
  // Its update policy too: this never skips waiting (call self.skipWaiting() yourself to take over at once).
  startTokenInjector(resolved, options.build ?? 'custom', false);
}
