import { decodeJwt } from './decode-jwt.js';
import type { Claims } from './session.js';

export type TokenResult =
  | { kind: 'token'; token: string; claims: Claims; receivedAt: number }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

const TOO_LARGE = 'token too large';

const error = (reason: string): TokenResult => ({ kind: 'error', reason: reason });

/** Reads at most `limit` bytes of a body, else undefined (the rest is cancelled, never buffered). */
async function readCapped(res: Response, limit: number): Promise<string | undefined> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (let r; !(r = await reader.read()).done;) {
    if ((size += r.value.byteLength) > limit) return void reader.cancel();
    text += decoder.decode(r.value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Mints a JWT from the Better Auth session cookie (`GET {authBasePath}/token` → `{ token }`) at `url`,
 * giving up after `timeoutMs` and refusing tokens over `maxBytes`; `now` stamps the answer.
 * 200 means signed in, 401 means signed out; anything else is an error that must not sign anyone out.
 */
export async function fetchToken(
  url: string,
  timeoutMs: number,
  maxBytes: number,
  fetchFn: typeof fetch,
  now: () => number,
): Promise<TokenResult> {
  let res: Response;
  try {
    // Credentials: fetch's default (same-origin), or the caller's fetchFn sets 'include' for another origin.
    res = await fetchFn(url, {
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return error((e as Error)?.name === 'TimeoutError' ? 'timeout' : 'network error');
  }
  if (res.status !== 200) {
    void res.body?.cancel();
    return res.status === 401 ? { kind: 'signed-out' } : error(`status ${res.status}`);
  }
  const receivedAt = now();
  let token: unknown;
  try {
    // `{"token":"…"}` plus room for whitespace; a larger body is refused unread.
    const text = await readCapped(res, maxBytes + 64);
    if (text === undefined) return error(TOO_LARGE);
    token = JSON.parse(text)?.token;
  } catch {
    return error('unreadable body');
  }
  if (typeof token !== 'string' || !token) return error('no token in body');
  if (token.length > maxBytes) return error(TOO_LARGE);
  const claims = decodeJwt(token);
  if (!claims) return error('token is not a JWT');
  const { exp, iat } = claims;
  return typeof exp !== 'number' || (iat !== undefined && (typeof iat !== 'number' || exp <= iat))
    ? error('token has no usable exp/iat')
    : { kind: 'token', token: token, claims: claims as Claims, receivedAt: receivedAt };
}
