/** Every coded failure the library reports, page side and worker side. */
export const ERROR_CODES = {
  unsupported: 'Service workers are not available here (needs a secure context: HTTPS or localhost).',
  'invalid-options': 'The options passed are not valid.',
  'registration-failed': 'The service worker could not be registered.',
  'not-controlling': 'The service worker does not control this page.',
  'version-mismatch': 'The page and the worker speak different protocol versions: reload the page.',
  'config-mismatch': 'The worker controlling this page was built for other API origins than the page expects: rebuild the worker or fix apiOrigins.',
  'message-timeout': 'The service worker did not answer in time.',
  'invalid-message': 'A message did not parse.',
  'token-unavailable': 'The token endpoint failed or timed out; the session was kept.',
  'token-endpoint-blocked': 'Page requests to the token endpoint are refused by the worker.',
  'sign-out-failed': 'The sign-out request failed.',
} as const;

export type BearerWorkerErrorCode = keyof typeof ERROR_CODES;

/** Header on responses the worker makes up itself, so a caller can tell them from the API's own. */
export const WORKER_ERROR_HEADER = 'x-bearer-worker-error';
