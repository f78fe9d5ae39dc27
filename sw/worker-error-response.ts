import { ERROR_CODES, WORKER_ERROR_HEADER, type BearerWorkerErrorCode } from '../src/shared/error-codes.js';

/** A response the worker makes up itself, marked so `toApiError` and callers can tell it from the API's. */
export function workerErrorResponse(status: number, code: BearerWorkerErrorCode, detail?: string): Response {
  return new Response(JSON.stringify({ detail: detail ? `${ERROR_CODES[code]} (${detail})` : ERROR_CODES[code], code }), {
    status,
    headers: { 'content-type': 'application/json', [WORKER_ERROR_HEADER]: code },
  });
}
