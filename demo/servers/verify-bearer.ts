import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

type BearerCheck = { ok: true; userId: string } | { ok: false; status: 401 | 503; detail: string; tokenGiven: boolean };

// A token that is bad for any of these reasons is the caller's problem (401); anything else — the JWKS
// could not be fetched or parsed — is ours (503), and must not look like a lost session.
const CALLER_ERRORS = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
]);

/**
 * A token that verified is trusted again, by its exact text, until its `exp` and for at most this long.
 * An app's calls carry one token for minutes, and each EdDSA check costs this thread ~0.3 ms: a 1000-call
 * burst spent a third of a second of the API's CPU on checking one token. A minute is well inside the
 * key set's own cache (jose keeps fetched keys 10 minutes), so no removed key is honoured longer than it was.
 */
export const VERIFIED_FOR_MS = 60_000;
/** Verified tokens kept (oldest out first): one per signed-in client, in a demo. */
export const VERIFIED_MAX = 1000;

/** Verifies `Authorization: Bearer` against the auth server's JWKS, with issuer, audience and expiry. */
export function createBearerVerifier(opts: { jwksUrl: string; issuer: string; audience: string }) {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 1000 });
  const verified = new Map<string, { userId: string; until: number; exp: number }>();
  return async (authorization: string | null): Promise<BearerCheck> => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, status: 401, detail: 'Not authenticated', tokenGiven: false };
    const hit = verified.get(token);
    // jose's own rule: a token is expired once the clock's second reaches its exp.
    if (hit && Date.now() < hit.until && Math.floor(Date.now() / 1000) < hit.exp)
      return { ok: true, userId: hit.userId };
    if (hit) verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, audience: opts.audience });
      if (typeof payload.sub !== 'string' || !payload.sub)
        return { ok: false, status: 401, detail: 'Token has no subject', tokenGiven: true };
      // Better Auth always sets exp; a token without one is checked every time.
      if (typeof payload.exp === 'number') {
        if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
        verified.set(token, { userId: payload.sub, until: Date.now() + VERIFIED_FOR_MS, exp: payload.exp });
      }
      return { ok: true, userId: payload.sub };
    } catch (e) {
      if (e instanceof errors.JOSEError && CALLER_ERRORS.has(e.code)) {
        return {
          ok: false,
          status: 401,
          detail: e.code === 'ERR_JWT_EXPIRED' ? 'Token expired' : 'Invalid token',
          tokenGiven: true,
        };
      }
      return {
        ok: false,
        status: 503,
        detail: 'Cannot verify tokens right now: the key set is unreachable',
        tokenGiven: true,
      };
    }
  };
}
