/** Claims the worker reads from a token. Signature checks are the API's job, not ours. */
export interface JwtClaims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  iat?: number;
  exp?: number;
}

/** Decodes a compact JWS payload; null for anything that is not a three-part token with a JSON object body. */
export function decodeJwt(token: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as JwtClaims) : null;
  } catch {
    return null;
  }
}
