import type { WorkerCounters, WorkerEvent } from '../src/shared/protocol.js';
import { INSPECTOR } from './inspector.js';
import { DEV } from './trace.js';

/** Counters and a short event log for the inspector. Memory only: a cold worker starts from zero. */
export class WorkerState {
  readonly counters: WorkerCounters = {
    authorized: 0,
    passedThrough: 0,
    tokenFetches: 0,
    refreshes: 0,
    retries: 0,
    signOuts: 0,
    tokenErrors: 0,
  };
  readonly events: WorkerEvent[] = [];
  readonly startedAt: number;

  constructor(readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  /**
   * Records one decision (call it under `if (TRACE)`). Never pass a token or a header value. The last 50
   * events are kept for the inspector; development builds also log them to the console.
   */
  log(type: string, detail?: string): void {
    if (DEV) console.debug('[bearer-worker]', type, detail ?? '');
    if (
      INSPECTOR &&
      this.events.push(detail === undefined ? { at: this.now(), type } : { at: this.now(), type, detail }) > 50
    )
      this.events.shift();
  }
}
