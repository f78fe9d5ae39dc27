// Test helper: unsigned JWT-shaped tokens (the worker never checks signatures; the API does).
export function makeJwt(claims: Record<string, unknown>, pad = 0): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ ...claims, pad: 'x'.repeat(pad) })}.c2ln`;
}
