import type { WorkerCounters, WorkerEvent } from '../src/shared/protocol.js';

const MAX_EVENTS = 50;

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

  constructor(
    readonly now: () => number = Date.now,
    readonly startedAt = now(),
  ) {}

  log(type: string, detail?: string): void {
    this.events.push(detail === undefined ? { at: this.now(), type } : { at: this.now(), type, detail });
    if (this.events.length > MAX_EVENTS) this.events.shift();
  }
}
