import { resolveConfig } from '../config/resolve-config.js';
import { startTokenInjector } from './start-token-injector.js';
import type { InjectorConfig } from '../config/types.js';

/**
 * Turns this service worker into a token injector: plain fetch() calls to the API origins leave with
 * `Authorization: Bearer <jwt>` minted from the Better Auth session cookie. Usable in any worker.
 * Throws BearerWorkerError('invalid-options') for a wrong config.
 */
export function installTokenInjector(config: InjectorConfig, options: { build?: string } = {}): void {
  // A host worker's own routes win: no Static Routing rules unless the host asks for them (staticRoutes).
  // Its update policy too: this never skips waiting (call self.skipWaiting() yourself to take over at once).
  startTokenInjector(resolveConfig(config, 'none'), options.build ?? 'custom', false);
}
