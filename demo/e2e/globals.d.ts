import type { BearerWorker } from '../../src/index.js';

declare global {
  interface Window {
    /** The demo exposes its bridge for the end-to-end tests (status only; it never holds a token). */
    bearerWorker: BearerWorker;
    /** The statuses of the calls `callsWaitingOnToken` (stack.ts) started. */
    inflight: Promise<number[]>;
  }
}
