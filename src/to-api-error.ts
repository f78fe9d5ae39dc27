import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';

export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'server'
  | 'http'
  | 'token-unavailable'
  | 'token-rejected'
  | 'network'
  | 'aborted'
  | 'unknown';

/** What a UI shows for a failed API call: the seed's `{ error, message }`, plus the status and a code. */
export interface ApiError {
  status: number | null;
  code: ApiErrorCode;
  error: string;
  message: string;
}

const FALLBACK = 'An error occurred';

/** FastAPI bodies: `{ detail: "text" }` or `{ detail: [{ msg }] }` for validation errors. */
async function readDetail(res: Response): Promise<string> {
  try {
    const body = (await (res.bodyUsed ? null : res.clone().json())) as { detail?: unknown } | null;
    const detail = body?.detail;
    if (typeof detail === 'string' && detail) return detail.slice(0, 500);
    if (Array.isArray(detail)) {
      const msgs = detail.map((d) => (typeof d?.msg === 'string' ? d.msg : '')).filter(Boolean);
      if (msgs.length) return msgs.join('; ').slice(0, 500);
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return FALLBACK;
}

/** Maps a failed fetch (a non-2xx Response, or what fetch threw) to a message a user can read. */
export async function toApiError(input: Response | unknown): Promise<ApiError> {
  if (input instanceof Response) {
    const status = input.status;
    if (input.headers.get(WORKER_ERROR_HEADER) === 'token-unavailable') {
      return {
        status,
        code: 'token-unavailable',
        error: 'Sign-in service unavailable',
        message: 'Could not reach the sign-in service. Please try again.',
      };
    }
    if (input.headers.get(WORKER_ERROR_HEADER) === 'token-rejected') {
      // The API refused a token the auth server had just issued: a server misconfiguration, not a lost session.
      return {
        status,
        code: 'token-rejected',
        error: 'Not accepted by the server',
        message: 'The server did not accept your sign-in. You are still signed in; please try again later.',
      };
    }
    const detail = await readDetail(input);
    switch (status) {
      case 400:
        return { status, code: 'bad-request', error: 'Invalid request', message: detail };
      case 401:
        return { status, code: 'unauthorized', error: 'Unauthorized', message: 'Please sign in' };
      case 403:
        return { status, code: 'forbidden', error: 'Forbidden', message: 'Access denied' };
      case 404:
        return { status, code: 'not-found', error: 'Not found', message: detail };
      case 422:
        return { status, code: 'validation', error: 'Validation error', message: detail };
      case 500:
        return { status, code: 'server', error: 'Server error', message: 'Please try again later' };
      default:
        return { status, code: 'http', error: 'Error', message: detail };
    }
  }
  const name = (input as { name?: unknown } | null)?.name;
  if (name === 'AbortError')
    return { status: null, code: 'aborted', error: 'Aborted', message: 'The request was cancelled' };
  // fetch() rejects with a TypeError when no response came back (offline, CORS, DNS, refused).
  if (input instanceof TypeError)
    return { status: null, code: 'network', error: 'Network error', message: 'No response from server' };
  return { status: null, code: 'unknown', error: 'Unknown error', message: 'An unexpected error occurred' };
}
