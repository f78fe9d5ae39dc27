import { WORKER_ERROR_MESSAGES } from './worker-errors.js';

export { WORKER_ERROR_HEADER } from './worker-errors.js';

/**
 * Every coded failure the library reports, page side and worker side, with what to do about it. For
 * apps and docs: BearerWorkerError does not import this table, so bundles carry it only if you do.
 */
export const ERROR_CODES = {
  unsupported: 'No service workers here (needs HTTPS or localhost).',
  'server-rendering':
    'Called while rendering on the server, where there is no worker: register in the browser (useEffect or a client provider).',
  'invalid-options': 'An option is wrong: the message names it and says why.',
  'registration-failed': 'The worker could not be registered.',
  'not-controlling': 'The worker does not control this page.',
  'version-mismatch': 'Page and worker protocols differ: reload.',
  'config-mismatch': 'The worker was built for other apiOrigins: rebuild it or fix apiOrigins.',
  'message-timeout': 'The worker did not answer in time.',
  'invalid-message': 'A message did not parse.',
  ...WORKER_ERROR_MESSAGES,
  'token-rejected':
    'The API refused a token the auth server had just issued (check its issuer, audience, JWKS URL and clock); session kept.',
  'session-expired':
    'The session ended (signed out, expired or revoked) while a request was on its way: sign in again; the page is being sent to the login page.',
  'scope-mismatch':
    "The worker's scope does not cover Better Auth's path: register it at '/' (or a scope that covers authBasePath).",
  'scope-conflict':
    "Another script is registered for the worker's scope (vite-plugin-pwa's registerSW, say): the two would replace each other on every load, so the bridge stopped. Register one script: put installTokenInjector in yours and pass its URL as scriptUrl, or hand the bridge your Workbox.",
  'narrow-scope':
    "A warning, not a failure: the scope is narrower than the site, so other spellings of Better Auth's path (`/%61pp/…` for scope '/app/') stay outside the worker and a frame there can reach the token endpoint. Register at '/'.",
  'status-failed': 'The worker could not report its status.',
  'sign-out-failed': 'Sign-out failed: the session cookie may still be live.',
  'claim-failed': 'The worker could not claim this page.',
  'forget-token-failed': 'The worker could not drop its token.',
  'session-changed-failed': 'The worker could not start a new session generation.',
  'queue-status-failed': 'The worker could not read its offline queue (is it built with offlineWrites?).',
  'replay-queue-failed': 'The worker could not replay its offline queue (is it built with offlineWrites?).',
  'take-over-failed': 'The waiting worker did not answer whether it takes over.',
} as const;

export type BearerWorkerErrorCode = keyof typeof ERROR_CODES;
