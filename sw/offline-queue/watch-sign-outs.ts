import type { Session } from '../session.js';

/**
 * Calls `onSignOut` at the start of every sign-out. Each sign-out aborts the session's `cut` signal and
 * replaces it with a fresh one, so each is watched in turn.
 */
export function watchSignOuts(session: Session, onSignOut: () => void): void {
  session.cut.signal.addEventListener(
    'abort',
    () => {
      // The new signal is in place once signingOut() returns.
      queueMicrotask(() => watchSignOuts(session, onSignOut));
      onSignOut();
    },
    { once: true },
  );
}
