/**
 * How long the worker can go untouched by this page before the browser may have stopped it: Chromium
 * stops an idle worker after about 30 s; the margin covers a page whose last hint was its last contact.
 */
export const WAKE_AFTER_MS = 25_000;

/** What the hint listens to: the page's window in the bridge, an EventTarget in tests. */
type Target = Pick<EventTarget, 'addEventListener'>;

/**
 * Calls `hint` on the first pointerdown or keydown that comes `afterMs` or more after the last hint (the
 * page-load hint counts: the clock starts when this is set up). That interaction is what precedes a call
 * on a worker the browser may have stopped meanwhile; the hint wakes it so it mints the token while the
 * user finishes the click. No timer and no keep-alive: a page nobody touches sends nothing, and a busy one
 * at most one hint per `afterMs`.
 */
export function interactionHint(
  target: Target,
  hint: () => void,
  now: () => number = () => performance.now(),
  afterMs = WAKE_AFTER_MS,
): void {
  let last = now();
  const onInteraction = () => {
    const t = now();
    if (t - last < afterMs) return;
    last = t;
    hint();
  };
  // Capture: an app that stops propagation still gets its call's token warmed.
  for (const type of ['pointerdown', 'keydown'])
    target.addEventListener(type, onInteraction, { capture: true, passive: true });
}
