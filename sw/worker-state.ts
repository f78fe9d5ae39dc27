import type { WorkerCounters, WorkerEvent } from '../src/shared/protocol.js';
import { INSPECTOR } from './inspector.js';
import { DEV } from './trace.js';

/** Counters and a short event log for the inspector. Memory only: a cold worker starts from zero. */
export interface WorkerState {
  readonly now_: () => number;
  readonly counters_: WorkerCounters;
  readonly events_: WorkerEvent[];
  readonly startedAt_: number;
}

export const createWorkerState = (now: () => number = Date.now): WorkerState => ({
  now_: now,
  counters_: {
    authorized: 0,
    passedThrough: 0,
    tokenFetches: 0,
    refreshes: 0,
    retries: 0,
    signOuts: 0,
    tokenErrors: 0,
  },
  events_: [],
  startedAt_: now(),
});

/**
 * Records one decision (call it under `if (TRACE)`: builds without the inspector or dev logging leave it
 * out). Never pass a token or a header value. The last 50 events are kept for the inspector; development
 * builds also log them to the console.
 */
export function logEvent(state: WorkerState, type: string, detail?: string): void {
  if (DEV) console.debug('[bearer-worker]', type, detail ?? '');
  if (
    INSPECTOR &&
    state.events_.push(detail === undefined ? { at: state.now_(), type } : { at: state.now_(), type, detail }) > 50
  )
    state.events_.shift();
}
