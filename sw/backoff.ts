/**
 * Jittered exponential backoff: after the n-th failure in a row, wait between half and all of
 * `baseMs * 2^(n-1)`, capped at `capMs`. The jitter keeps many tabs and workers from retrying in step.
 */
export class Backoff {
  /** Epoch ms (worker clock) until which we wait; 0 when not backing off. */
  until = 0;
  #failures = 0;

  constructor(
    readonly baseMs: number,
    readonly capMs: number,
    readonly random: () => number = Math.random,
  ) {}

  fail(now: number): number {
    const ms = Math.min(this.capMs, this.baseMs * 2 ** this.#failures++) * (0.5 + this.random() / 2);
    return (this.until = now + ms);
  }

  active(now: number): boolean {
    return now < this.until;
  }

  reset(): void {
    this.until = this.#failures = 0;
  }
}
