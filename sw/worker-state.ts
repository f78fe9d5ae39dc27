import type { WorkerCounters, WorkerEvent } from '../protocol/protocol.js';
import { INSPECTOR } from './inspector.js';
import { DEV } from './trace.js';

/** Counters and a short event log for the inspector. Memory only: a cold worker starts from zero. */
export interface WorkerState {
  readonly now: () => number;
  readonly counters: WorkerCounters;
  readonly events: WorkerEvent[];
  readonly startedAt: number;
}

export const createWorkerState = (now: () => number = Date.now): WorkerState => ({
  now: now,
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
  startedAt: now(),
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
    state.events.push(detail === undefined ? { at: state.now(), type } : { at: state.now(), type, detail }) > 50
  )
    state.events.shift();
}
