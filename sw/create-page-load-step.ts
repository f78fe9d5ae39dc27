import type { TokenProvider } from './token-provider.js';

/**
 * The page-load step (the bridge's hint, create-auth-handler.ts): re-validate the session for that page,
 * a token fetch only where a session is plausible, and once the token is in hand, `warmUp` that page's
 * API route (start-token-injector.ts). Never rejects: a hint, not a dependency.
 */
export function createPageLoadStep(provider: TokenProvider, warmUp: (clientId: string) => unknown) {
  return (clientId: string): Promise<unknown> =>
    provider
      .prewarm_(clientId)
      .then((ready): unknown => ready && warmUp(clientId))
      .catch(() => {});
}
