// The worker's running status from the DevTools protocol (as demo/e2e does): whether a request woke it.
import { expect, type Page } from '@playwright/test';

export async function watchWorker(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => versions.forEach((v) => states.push(v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  return {
    /** Stops every worker and forgets the states seen so far. */
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect.poll(() => states.at(-1)).toBe('stopped');
      states.length = 0;
    },
    woke: () => states.some((s) => s === 'starting' || s === 'running'),
  };
}
