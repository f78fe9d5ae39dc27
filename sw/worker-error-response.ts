import { WORKER_ERROR_HEADER } from '../src/shared/error-codes.js';

// Only the codes the worker makes responses for: the page-side message table stays out of the worker.
const MESSAGES = {
  'token-unavailable': 'Token endpoint failed; session kept.',
  'token-endpoint-blocked': 'The token stays in the worker.',
} as const;

/** A response the worker makes up itself, marked so `toApiError` and callers can tell it from the API's. */
export function workerErrorResponse(status: number, code: keyof typeof MESSAGES, detail?: string): Response {
  return new Response(JSON.stringify({ detail: detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code], code }), {
    status,
    headers: { 'content-type': 'application/json', [WORKER_ERROR_HEADER]: code },
  });
}
