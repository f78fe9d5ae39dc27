/**
 * Every coded failure the library reports, page side and worker side, with what to do about it. For
 * apps and docs: BearerWorkerError does not import this table, so bundles carry it only if you do.
 */
export const ERROR_CODES = {
  unsupported: 'No service workers here (needs HTTPS or localhost).',
  'invalid-options': 'An option is wrong: the message names it and says why.',
  'registration-failed': 'The worker could not be registered.',
  'not-controlling': 'The worker does not control this page.',
  'version-mismatch': 'Page and worker protocols differ: reload.',
  'config-mismatch': 'The worker was built for other apiOrigins: rebuild it or fix apiOrigins.',
  'message-timeout': 'The worker did not answer in time.',
  'invalid-message': 'A message did not parse.',
  'token-unavailable': 'Token endpoint failed; session kept.',
  'token-endpoint-blocked': 'The token stays in the worker.',
  'sign-out-failed': 'Sign-out failed.',
} as const;

export type BearerWorkerErrorCode = keyof typeof ERROR_CODES;

/** Header on responses the worker makes up itself, so a caller can tell them from the API's own. */
export const WORKER_ERROR_HEADER = 'x-bearer-worker-error';
