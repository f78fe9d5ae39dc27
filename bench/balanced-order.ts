// Shared by the driver (latency-sampler.ts) and the bench page, which interleaves calls in this order.

/**
 * Round `r` of a balanced (Williams) order: over 2n rounds every contender runs right after every other
 * one equally often, so the load a heavy contender leaves behind (the seed's token storms) lands on all.
 */
export function order<T>(list: readonly T[], r: number): T[] {
  const n = list.length;
  const first = Array.from({ length: n }, (_, i) => (i % 2 ? (i + 1) / 2 : (n - i / 2) % n));
  const row = first.map((x) => list[(x + r) % n]!);
  return Math.floor(r / n) % 2 ? row.reverse() : row;
}
