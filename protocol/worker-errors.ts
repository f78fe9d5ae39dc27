/**
 * The codes the worker makes responses for, with their messages: the worker imports only these, so the
 * page-side table (error-codes.ts) stays out of its bundle.
 */
export const WORKER_ERROR_MESSAGES = {
  'token-unavailable': 'Token endpoint failed; session kept.',
  'token-endpoint-blocked': 'The token stays in the worker.',
  'session-expired': 'Signed out.',
} as const;

/** Header on responses the worker makes up itself, so a caller can tell them from the API's own. */
export const WORKER_ERROR_HEADER = 'x-bearer-worker-error';
