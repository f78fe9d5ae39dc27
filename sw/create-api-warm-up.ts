import type { HandlerInput } from './create-api-handler.js';
import type { ResolvedConfig } from '../config/types.js';

/**
 * The API route's warm-up, run by the page-load step once the page's token is in hand: the API handler
 * (`api`, create-api-handler.ts) is given an API request for that page (the hint's own fetch event),
 * aborted before it is made. It goes the way the page's first call will, the token, the authorized copy,
 * and stops where that copy would be sent: thrown there, never sent, never counted. In a worker just
 * started, that first run is what costs: the code is cold, and V8 has yet to work out the source positions
 * the browser's fetch() needs for the stack it records. Run here, while the app boots, it is off the
 * page's first call. Never rejects.
 */
export function createApiWarmUp(config: ResolvedConfig, api: (input: HandlerInput) => Promise<Response>) {
  return (event: FetchEvent): Promise<unknown> => {
    const request = new Request(config.apiOrigins[0] + config.apiPathPrefix, { signal: AbortSignal.abort() });
    return api({ request, event }).catch(() => {});
  };
}
