import type { WorkerCounters, WorkerEvent } from '../src/shared/protocol.js';

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

  /** Bound, so callers can destructure it. The last 50 events are kept. */
  readonly log = (type: string, detail?: string): void => {
    if (this.events.push(detail === undefined ? { at: this.now(), type } : { at: this.now(), type, detail }) > 50)
      this.events.shift();
  };
}
