/** How often a build that should take over is asked again while it waits. */
export const TAKE_OVER_RETRY_MS = 1000;
const TRIES = 30;

/**
 * Asks `sw` to take over now, and again every TAKE_OVER_RETRY_MS while it still waits (at most 30 times):
 * Chromium parks a build that skipped waiting when a fetch reaches the old build during the swap, and
 * only another skipWaiting() starts a new swap.
 */
export function insistTakeOver(sw: Pick<ServiceWorker, 'state'>, ask: () => unknown, left = TRIES): void {
  if (sw.state !== 'installed' || left === 0) return;
  ask();
  setTimeout(() => insistTakeOver(sw, ask, left - 1), TAKE_OVER_RETRY_MS);
}
