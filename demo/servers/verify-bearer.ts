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

/** Verifies `Authorization: Bearer` against the auth server's JWKS, with issuer, audience and expiry. */
export function createBearerVerifier(opts: {
  jwksUrl: string;
  issuer: string | string[];
  audience: string | string[];
}) {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 1000 });
  return async (authorization: string | null): Promise<BearerCheck> => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, status: 401, detail: 'Not authenticated', tokenGiven: false };
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, audience: opts.audience });
      if (typeof payload.sub !== 'string' || !payload.sub)
        return { ok: false, status: 401, detail: 'Token has no subject', tokenGiven: true };
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
