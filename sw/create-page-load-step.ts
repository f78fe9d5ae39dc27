import type { TokenProvider } from './token-provider.js';

/**
 * The page-load step, run on the bridge's hint (a fetch event of that page, create-auth-handler.ts):
 * re-validate the session for the page, with a token fetch only where a session is plausible, so the
 * page's first call finds its token in hand; then, with that token, `warmUp` the API route for it
 * (create-api-warm-up.ts). Never rejects: a hint, not a dependency.
 */
export function createPageLoadStep(provider: TokenProvider, warmUp: (event: FetchEvent) => Promise<unknown>) {
  return (event: FetchEvent): Promise<unknown> =>
    provider
      .prewarm(event.clientId)
      .then((ready) => ready && warmUp(event))
      .catch(() => {});
}
