import type { WorkerCounters, WorkerEvent } from '../protocol/protocol.js';
import { INSPECTOR } from './inspector.js';
import { DEV } from './trace.js';

/**
 * The worker's clock and start, and, in workers built with the inspector only, its counters and a short
 * event log (every use is under `if (INSPECTOR)`, so other builds carry neither). Memory only: a cold
 * worker starts from zero.
 */
export interface WorkerState {
  readonly now: () => number;
  readonly startedAt: number;
  readonly counters?: WorkerCounters;
  readonly events?: WorkerEvent[];
}

export const createWorkerState = (now: () => number = Date.now): WorkerState => ({
  now: now,
  startedAt: now(),
  ...(INSPECTOR && {
    counters: {
      authorized: 0,
      passedThrough: 0,
      tokenFetches: 0,
      refreshes: 0,
      retries: 0,
      signOuts: 0,
      tokenErrors: 0,
    },
    events: [],
  }),
});

/** Counts one `key` (call it under `if (INSPECTOR)`). */
export function count(state: WorkerState, key: keyof WorkerCounters): void {
  state.counters![key]++;
}

/**
 * Records one decision (call it under `if (TRACE)`: builds without the inspector or dev logging leave it
 * out). Never pass a token or a header value. The last 50 events are kept for the inspector; development
 * builds also log them to the console.
 */
export function logEvent(state: WorkerState, type: string, detail?: string): void {
  if (DEV) console.debug('[bearer-worker]', type, detail ?? '');
  if (
    INSPECTOR &&
    state.events!.push(detail === undefined ? { at: state.now(), type } : { at: state.now(), type, detail }) > 50
  )
    state.events!.shift();
}
