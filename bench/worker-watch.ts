// Service worker running states through the DevTools protocol: stop every worker (the browser would do
// it after ~30 s idle) and tell whether a request started one again.
import type { CDPSession, Page } from '@playwright/test';

interface Version {
  scriptURL: string;
  runningStatus: string;
  status: string;
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`bench: ${what} took over ${ms} ms`)), ms)),
  ]);

export class WorkerWatch {
  private readonly versions = new Map<string, Version>();
  /** Times each script went from not running to starting/running. */
  private readonly starts = new Map<string, number>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        const before = this.versions.get(v.versionId)?.runningStatus;
        const up = v.runningStatus === 'starting' || v.runningStatus === 'running';
        if (up && before !== 'starting' && before !== 'running')
          this.starts.set(v.scriptURL, (this.starts.get(v.scriptURL) ?? 0) + 1);
        this.versions.set(v.versionId, { scriptURL: v.scriptURL, runningStatus: v.runningStatus, status: v.status });
      }
    });
  }

  static async open(page: Page): Promise<WorkerWatch> {
    const cdp = await page.context().newCDPSession(page);
    const watch = new WorkerWatch(cdp);
    await withTimeout(cdp.send('ServiceWorker.enable'), 5000, 'ServiceWorker.enable');
    return watch;
  }

  startCount(scriptPath: string): number {
    let n = 0;
    for (const [url, count] of this.starts) if (new URL(url).pathname === scriptPath) n += count;
    return n;
  }

  private allStopped(): boolean {
    return [...this.versions.values()].every((v) => v.runningStatus === 'stopped' || v.status === 'redundant');
  }

  /** Stops every worker and waits until the browser says so. */
  async stopAll(timeoutMs = 5000): Promise<void> {
    await withTimeout(this.cdp.send('ServiceWorker.stopAllWorkers'), timeoutMs, 'ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + timeoutMs;
    while (!this.allStopped()) {
      if (Date.now() > deadline) throw new Error('bench: workers did not stop');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}
