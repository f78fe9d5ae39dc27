/** How often a build that should take over is asked again while it waits. */
export const TAKE_OVER_RETRY_MS = 1000;
const TRIES = 30;

/**
 * Asks `sw` to take over now, and again every TAKE_OVER_RETRY_MS while it still waits (at most 30 times).
 * The first ask is what counts: in Chromium a build's first skipWaiting() once installed starts the swap
 * (the default worker's call in `install` does not), and a swap stalled by a request reaching the old build
 * is not restarted by later calls of the same build (docs/design.md, Lifecycle). Asking again is cheap.
 */
export function insistTakeOver(sw: Pick<ServiceWorker, 'state'>, ask: () => unknown, left = TRIES): void {
  if (sw.state !== 'installed' || left === 0) return;
  ask();
  setTimeout(() => insistTakeOver(sw, ask, left - 1), TAKE_OVER_RETRY_MS);
}
