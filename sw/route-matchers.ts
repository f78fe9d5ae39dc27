import type { ResolvedConfig } from './types.js';

export interface MatchInput {
  url: URL;
  request: Request;
}

/** Requests a page script made itself (fetch/XHR): not navigations, not <img>/<script>/form posts. */
function isScriptRequest(request: Request): boolean {
  return (request.mode === 'cors' || request.mode === 'same-origin') && request.destination === '';
}

function underPath(pathname: string, prefix: string): boolean {
  return prefix === '' || pathname === prefix || pathname.startsWith(prefix + '/');
}

/**
 * API requests that get a token: exact origin, path prefix, made by script, no Authorization of their
 * own. Better Auth's own paths never do, even when the API shares the app's origin and prefix.
 */
export function createApiMatcher(config: ResolvedConfig, origin: string): (input: MatchInput) => boolean {
  const origins = new Set(config.apiOrigins);
  return ({ url, request }) =>
    origins.has(url.origin) &&
    underPath(url.pathname, config.apiPathPrefix) &&
    !(url.origin === origin && underPath(url.pathname, config.authBasePath)) &&
    isScriptRequest(request) &&
    !request.headers.has('authorization');
}

/**
 * Same-origin Better Auth requests the worker watches (sign-in/out) and filters (token, set-auth-jwt).
 * Every mode, navigations included: a `no-cors` fetch or an iframe of the token endpoint is same-origin,
 * so its body would be readable by page script if it bypassed the worker.
 */
export function createAuthMatcher(config: ResolvedConfig, origin: string): (input: MatchInput) => boolean {
  return ({ url }) => url.origin === origin && underPath(url.pathname, config.authBasePath);
}
