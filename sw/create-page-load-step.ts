import type { TokenProvider } from './token-provider.js';

/**
 * The page-load step (the bridge's hint, create-auth-handler.ts): re-validate the session for that page,
 * with a token fetch only where a session is plausible, so the page's first call finds its token in hand.
 * Never rejects: a hint, not a dependency.
 */
export function createPageLoadStep(provider: TokenProvider) {
  return (clientId: string): Promise<unknown> => provider.prewarm(clientId).catch(() => {});
}
