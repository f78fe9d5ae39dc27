import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { readErrorBody } from './to-api-error-body.js';

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
  | 'session-expired'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unknown';

/** What a UI shows for a failed API call: the seed's `{ error, message }`, plus the status and a code. */
export interface ApiError {
  status: number | null;
  code: ApiErrorCode;
  error: string;
  message: string;
  /**
   * The server's messages per field (`{ title: ['Field required'] }`), from FastAPI's 422 `detail` list
   * (keyed by `loc` without its leading `body`/`query`/`path`), problem details' `errors` or
   * `invalid-params`, and the like. `toApiError` always sets it, empty when the server named no field.
   */
  fieldErrors?: Record<string, string[]>;
}

const FALLBACK = 'An error occurred';
/** What toApiError returns: always with `fieldErrors`. */
type Mapped = ApiError & { fieldErrors: Record<string, string[]> };

const answer = (
  status: number | null,
  code: ApiErrorCode,
  error: string,
  message: string,
  fieldErrors: Record<string, string[]> = {},
): Mapped => ({ status, code, error, message, fieldErrors });

/** Responses the worker made up itself, by the code in WORKER_ERROR_HEADER. */
function fromWorker(status: number, code: string | null): Mapped | null {
  switch (code) {
    case 'token-unavailable':
      return answer(
        status,
        code,
        'Sign-in service unavailable',
        'Could not reach the sign-in service. Please try again.',
      );
    case 'token-rejected':
      // The API refused a token the auth server had just issued: a server misconfiguration, not a lost session.
      return answer(
        status,
        code,
        'Not accepted by the server',
        'The server did not accept your sign-in. You are still signed in; please try again later.',
      );
    case 'session-expired':
      // The session is gone and the page is on its way to the login page.
      return answer(status, code, 'Session expired', 'Please sign in');
    default:
      return null;
  }
}

/** The seed's message per status; the server's own text only where the seed shows it (400, 404, 422, other 4xx). */
async function fromResponse(res: Response): Promise<Mapped> {
  const status = res.status;
  const worker = fromWorker(status, res.headers.get(WORKER_ERROR_HEADER));
  if (worker) return worker;
  // Response.error() and opaque answers: nothing came back that the page may read.
  if (status === 0) return answer(null, 'network', 'Network error', 'No response from server');
  if (status >= 500) return answer(status, 'server', 'Server error', 'Please try again later');
  if (status === 401) return answer(status, 'unauthorized', 'Unauthorized', 'Please sign in');
  if (status === 403) return answer(status, 'forbidden', 'Forbidden', 'Access denied');
  const { text, fieldErrors } = await readErrorBody(res);
  const message = text ?? FALLBACK;
  switch (status) {
    case 400:
      return answer(status, 'bad-request', 'Invalid request', message, fieldErrors);
    case 404:
      return answer(status, 'not-found', 'Not found', message, fieldErrors);
    case 422:
      return answer(status, 'validation', 'Validation error', message, fieldErrors);
    default:
      return answer(status, 'http', 'Error', message, fieldErrors);
  }
}

/** A fetch Response, also from another realm or a polyfill (checked by shape, not by class). */
function isResponse(v: unknown): v is Response {
  if (v instanceof Response) return true;
  const r = v as Partial<Response> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.status === 'number' &&
    typeof r.headers?.get === 'function' &&
    typeof r.clone === 'function'
  );
}

function fromThrown(thrown: unknown): Mapped {
  const name = (thrown as { name?: unknown } | null)?.name;
  if (name === 'AbortError') return answer(null, 'aborted', 'Aborted', 'The request was cancelled');
  // AbortSignal.timeout() and ky's timeout.
  if (name === 'TimeoutError')
    return answer(null, 'timeout', 'Timeout', 'The server took too long to answer. Please try again.');
  // fetch() rejects with a TypeError when no response came back (offline, CORS, DNS, refused).
  if (thrown instanceof TypeError) return answer(null, 'network', 'Network error', 'No response from server');
  return answer(null, 'unknown', 'Unknown error', 'An unexpected error occurred');
}

/**
 * Maps a failed fetch (a non-2xx Response, what fetch threw, or an error carrying a `response` such as
 * ky's HTTPError) to a message a user can read. Never throws; reads a clone of the body, so the
 * caller's response stays readable.
 */
export async function toApiError(
  input: Response | unknown,
): Promise<ApiError & { fieldErrors: Record<string, string[]> }> {
  try {
    if (isResponse(input)) return await fromResponse(input);
    const carried = (input as { response?: unknown } | null)?.response;
    if (input instanceof Error && isResponse(carried)) return await fromResponse(carried);
    return fromThrown(input);
  } catch {
    return answer(null, 'unknown', 'Unknown error', 'An unexpected error occurred');
  }
}
