import { decodeJwt, type JwtClaims } from './decode-jwt.js';

export type TokenResult =
  | { kind: 'token'; token: string; claims: JwtClaims & { exp: number }; receivedAt: number }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

export interface FetchTokenOptions {
  url: string;
  timeoutMs: number;
  maxTokenBytes: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Reads at most `limit` bytes of a body; null if it is longer (the rest is cancelled, never buffered). */
async function readCapped(res: Response, limit: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength);
  return new TextDecoder().decode(all);
}

/**
 * Mints a JWT from the Better Auth session cookie (`GET {authBasePath}/token` → `{ token }`).
 * 200 means signed in, 401 means signed out; anything else is an error that must not sign anyone out.
 */
export async function fetchToken(o: FetchTokenOptions): Promise<TokenResult> {
  const now = o.now ?? Date.now;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (e) {
    return { kind: 'error', reason: (e as Error)?.name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
  if (res.status === 401) {
    void res.body?.cancel();
    return { kind: 'signed-out' };
  }
  if (!res.ok) {
    void res.body?.cancel();
    return { kind: 'error', reason: `status ${res.status}` };
  }
  const receivedAt = now();
  // `{"token":"…"}` plus room for whitespace; a larger body is refused unread.
  let text: string | null;
  try {
    text = await readCapped(res, o.maxTokenBytes + 64);
  } catch {
    return { kind: 'error', reason: 'body read failed' };
  }
  if (text === null) return { kind: 'error', reason: 'token too large' };
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown } | null)?.token;
  } catch {
    return { kind: 'error', reason: 'body is not JSON' };
  }
  if (typeof token !== 'string' || token.length === 0) return { kind: 'error', reason: 'no token in body' };
  if (token.length > o.maxTokenBytes) return { kind: 'error', reason: 'token too large' };
  const claims = decodeJwt(token);
  if (!claims) return { kind: 'error', reason: 'token is not a JWT' };
  if (typeof claims.exp !== 'number' || (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.exp <= claims.iat))) {
    return { kind: 'error', reason: 'token has no usable exp/iat' };
  }
  return { kind: 'token', token, claims: claims as JwtClaims & { exp: number }, receivedAt };
}
