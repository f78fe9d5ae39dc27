import type { PublicClaims } from '../protocol/protocol.js';

/** Decodes a compact JWS payload (signature checks are the API's job, not ours); null for anything that is not a three-part token with a JSON object body. */
export function decodeJwt(token: string): PublicClaims | null {
  const parts = token.split('.');
  try {
    // atob accepts base64 without its padding; base64url needs only the two letters swapped.
    const bytes = Uint8Array.from(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return parts.length === 3 && claims && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as PublicClaims)
      : null;
  } catch {
    return null;
  }
}
