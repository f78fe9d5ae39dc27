import { canonicalPath, isUnder } from './canonical-path.js';
import type { ResolvedConfig } from '../config/types.js';

interface MatchInput {
  url: URL;
  request: Request;
}

/**
 * Encoded separators and dot segments, backslashes and `;` path parameters: a proxy in front of the API may
 * decode them and route the request outside `apiPathPrefix`, so such paths never get a token.
 */
const AMBIGUOUS = /%2f|%5c|%2e|[;\\]/i;

/** Whether a same-origin path is Better Auth's, however it is spelled (see canonicalPath). */
function createAuthPathTest(authBasePath: string): (pathname: string) => boolean {
  const base = canonicalPath(authBasePath);
  return (pathname) => isUnder(canonicalPath(pathname), base);
}

/**
 * API requests that get a token: exact origin, path prefix (a boundary), made by script (fetch/XHR: not
 * navigations, not <img>/<script>/form posts), no Authorization of their own, and, with `requireHeader`,
 * the app's marker header (markup such as <link rel=preload as=fetch> cannot set one). Better Auth's own
 * paths never do (`isAuth`: createAuthMatcher's), even when the API shares the app's origin and prefix.
 */
export function createApiMatcher(config: ResolvedConfig, isAuth: (input: MatchInput) => boolean) {
  const origins = new Set(config.apiOrigins);
  const prefix = config.apiPathPrefix;
  const marker = config.requireHeader;
  return ({ url, request }: MatchInput): boolean =>
    origins.has(url.origin) &&
    isUnder(url.pathname, prefix) &&
    !(prefix && AMBIGUOUS.test(url.pathname)) &&
    !isAuth({ url, request }) &&
    (request.mode === 'cors' || request.mode === 'same-origin') &&
    request.destination === '' &&
    !request.headers.has('authorization') &&
    (!marker || request.headers.has(marker));
}

/**
 * Better Auth requests the worker watches (session changes) and filters (token, set-auth-jwt), on
 * `config.authOrigin`. Every mode, navigations included: a `no-cors` fetch or an iframe of a same-origin
 * token endpoint would be readable by page script if it bypassed the worker, and a page's `cors` fetch of
 * another auth origin is readable too (its CORS answers the app with credentials). The app's own origin
 * always counts as well: the bridge's page-load hint goes there, and an app may proxy Better Auth.
 */
export function createAuthMatcher(config: ResolvedConfig, origin: string): (input: MatchInput) => boolean {
  const isAuth = createAuthPathTest(config.authBasePath);
  return ({ url }) => (url.origin === origin || url.origin === config.authOrigin) && isAuth(url.pathname);
}
