/** The part of a ServiceWorker the gate watches. */
type Build = Pick<ServiceWorker, 'state' | 'addEventListener'>;

/**
 * The swap to a build the bridge asked to take over, while the old build still controls the page. In
 * Chromium anything that reaches the old build as it stops for the swap restarts it and parks the new
 * build for up to five minutes (docs/design.md, Lifecycle), so what can wait for the swap waits for it.
 */
export class SwapGate {
  #build: Build | undefined;
  #done: Promise<void> = Promise.resolve();

  /**
   * `build` was asked to take over: a swap is pending while it stays `installed`, unless `takes` answers
   * false (its host prompts the user first, and until then nothing waits for it).
   */
  begin(build: Build, takes: Promise<boolean> = Promise.resolve(true)): void {
    if (build === this.#build) return;
    this.#build = build;
    this.#done = new Promise((resolve) => {
      build.addEventListener('statechange', () => build.state !== 'installed' && resolve());
      void takes.then((yes) => {
        if (yes) return;
        if (this.#build === build) this.#build = undefined;
        resolve();
      });
    });
  }

  get pending(): boolean {
    return this.#build?.state === 'installed';
  }

  /** Resolves once no swap is pending, or after `maxMs` (a swap the browser parked need not hold us up). */
  settled(maxMs: number): Promise<void> {
    return this.pending
      ? Promise.race([this.#done, new Promise<void>((r) => setTimeout(r, maxMs))])
      : Promise.resolve();
  }
}
