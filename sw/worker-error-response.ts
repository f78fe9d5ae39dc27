import { WORKER_ERROR_HEADER, WORKER_ERROR_MESSAGES as MESSAGES } from '../protocol/worker-errors.js';

/** `res` with its headers changed by `edit` (a Response's own headers are immutable). */
export function withHeaders(res: Response, edit: (headers: Headers) => void): Response {
  const headers = new Headers(res.headers);
  edit(headers);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** A response the worker makes up itself, marked so `toApiError` and callers can tell it from the API's. */
export function workerErrorResponse(status: number, code: keyof typeof MESSAGES, detail?: string): Response {
  return new Response(JSON.stringify({ detail: detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code], code }), {
    status,
    headers: { 'content-type': 'application/json', [WORKER_ERROR_HEADER]: code },
  });
}
