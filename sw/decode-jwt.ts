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
  try {
    // atob accepts base64 without its padding; base64url needs only the two letters swapped.
    const bytes = Uint8Array.from(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return parts.length === 3 && claims && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as JwtClaims)
      : null;
  } catch {
    return null;
  }
}
