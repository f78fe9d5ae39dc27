/**
 * The request body, or null when it is larger than `limit` bytes. A declared Content-Length over the
 * limit is refused before a byte is read; a chunked body is read only up to the limit.
 */
export async function readLimitedBody(req: Request, limit: number): Promise<Uint8Array | null> {
  if (Number(req.headers.get('content-length') ?? 0) > limit) return null;
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(r.value);
  }
  const body = new Uint8Array(size);
  chunks.reduce((at, c) => (body.set(c, at), at + c.byteLength), 0);
  return body;
}
