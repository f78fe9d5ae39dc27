import type { WorkerCounters, WorkerEvent } from '../src/shared/protocol.js';
import { INSPECTOR } from './inspector.js';
import { DEV } from './trace.js';

/** Counters and a short event log for the inspector. Memory only: a cold worker starts from zero. */
export class WorkerState {
  readonly counters_: WorkerCounters = {
    authorized: 0,
    passedThrough: 0,
    tokenFetches: 0,
    refreshes: 0,
    retries: 0,
    signOuts: 0,
    tokenErrors: 0,
  };
  readonly events_: WorkerEvent[] = [];
  readonly startedAt_: number;

  constructor(readonly now_: () => number = Date.now) {
    this.startedAt_ = now_();
  }

  /**
   * Records one decision (call it under `if (TRACE)`). Never pass a token or a header value. The last 50
   * events are kept for the inspector; development builds also log them to the console.
   */
  log_(type: string, detail?: string): void {
    if (DEV) console.debug('[bearer-worker]', type, detail ?? '');
    if (
      INSPECTOR &&
      this.events_.push(detail === undefined ? { at: this.now_(), type } : { at: this.now_(), type, detail }) > 50
    )
      this.events_.shift();
  }
}
