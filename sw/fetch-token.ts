import { decodeJwt } from './decode-jwt.js';
import type { Claims } from './session.js';

export type TokenResult =
  | { kind: 'token'; token: string; claims: Claims; receivedAt: number }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

export interface FetchTokenOptions {
  url: string;
  timeoutMs: number;
  maxTokenBytes: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const TOO_LARGE = 'token too large';

/** Our own reasons, told apart from JSON or stream failures by their type. */
class Refused extends Error {}

/** Reads at most `limit` bytes of a body, else throws TOO_LARGE (the rest is cancelled, never buffered). */
async function readCapped(res: Response, limit: number): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (let r; !(r = await reader.read()).done;) {
    if ((size += r.value.byteLength) > limit) {
      void reader.cancel();
      throw new Refused(TOO_LARGE);
    }
    text += decoder.decode(r.value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Mints a JWT from the Better Auth session cookie (`GET {authBasePath}/token` → `{ token }`).
 * 200 means signed in, 401 means signed out; anything else is an error that must not sign anyone out.
 */
export async function fetchToken(o: FetchTokenOptions): Promise<TokenResult> {
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.url, {
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (e) {
    return { kind: 'error', reason: (e as Error)?.name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
  if (res.status !== 200) {
    void res.body?.cancel();
    return res.status === 401 ? { kind: 'signed-out' } : { kind: 'error', reason: `status ${res.status}` };
  }
  const receivedAt = (o.now ?? Date.now)();
  try {
    // `{"token":"…"}` plus room for whitespace; a larger body is refused unread.
    const token: unknown = JSON.parse(await readCapped(res, o.maxTokenBytes + 64))?.token;
    if (typeof token !== 'string' || !token) throw new Refused('no token in body');
    if (token.length > o.maxTokenBytes) throw new Refused(TOO_LARGE);
    const claims = decodeJwt(token);
    if (!claims) throw new Refused('token is not a JWT');
    const { exp, iat } = claims;
    if (typeof exp !== 'number' || (iat !== undefined && (typeof iat !== 'number' || exp <= iat)))
      throw new Refused('token has no usable exp/iat');
    return { kind: 'token', token, claims: claims as Claims, receivedAt };
  } catch (e) {
    return { kind: 'error', reason: e instanceof Refused ? e.message : 'unreadable body' };
  }
}
