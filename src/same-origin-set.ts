/** Whether two origin lists name the same set of origins (order and repeats do not matter). */
export function sameOriginSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((o) => right.has(o));
}
