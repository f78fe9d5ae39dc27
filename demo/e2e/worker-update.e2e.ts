// A new worker build deployed while two tabs call the API: it takes over without a failed call, a call
// without a token, a sign-out or a reload, and each tab's app is told once (the handle's onUpdate).
import { expect, test, type Page } from '@playwright/test';
import {
  API,
  callsWaitingOnToken,
  deployAndSwap,
  openAppTab,
  resetStack,
  resetStats,
  serverStats,
  signUp,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

interface CallLoop {
  statuses: number[];
  issued: number;
  calling: boolean;
}
interface StatusPoll {
  answered: number;
  failed: number;
  reading: boolean;
}
declare global {
  interface Window {
    loop: CallLoop;
    poll: StatusPoll;
  }
}

/**
 * Calls the API, 150 ms after each answer, as a busy app does; each call's status (0 for a network error).
 * (Chromium activates a build that skipped waiting once the old one has no request in flight: calls that
 * overlap without end would hold it back, with their tokens, up to its lame-duck limit of minutes.)
 */
const startCalling = (tab: Page, url: string) =>
  tab.evaluate((url) => {
    const loop: CallLoop = (window.loop = { statuses: [], issued: 0, calling: true });
    void (async () => {
      while (loop.calling) {
        const status = await fetch(`${url}?i=${loop.issued++}`).then(
          (r) => r.status,
          () => 0,
        );
        loop.statuses.push(status);
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
  }, url);

const answered = (tab: Page) => tab.evaluate(() => window.loop.statuses.length);

test('a new build deployed during calls in two tabs: 0 failed calls, 0 without a token, one notice per tab, no reload, no sign-out', async ({
  page,
  context,
  request,
}) => {
  const { userId } = await signUp(page);
  const second = await openAppTab(context);
  const tabs = [page, second];
  const loads = [0, 0];
  tabs.forEach((tab, i) => tab.on('load', () => loads[i]!++));
  const startedAt = (await workerStatus(page)).startedAt;
  await resetStats(request);

  for (const tab of tabs) await startCalling(tab, `${API}/v1/${userId}/tasks`);
  for (const tab of tabs) await expect.poll(() => answered(tab)).toBeGreaterThan(3);

  // Deploy build 2: the worker script's bytes change; the browser finds it on its next update check.
  expect(await deployAndSwap(page, request)).toBe(true);
  // Chromium lets the old build finish what it is handling before the new one activates, and parks the
  // new one if a call reaches the old one during the swap; the bridges ask it again each second.
  for (const tab of tabs)
    await expect(tab.getByTestId('worker-updated')).toHaveAttribute('data-updates', '1', { timeout: 15_000 });

  // The calls go on under the new build, then stop; every call issued has its answer.
  const after = await Promise.all(tabs.map(answered));
  for (const [i, tab] of tabs.entries()) await expect.poll(() => answered(tab)).toBeGreaterThan(after[i]! + 3);
  for (const tab of tabs) await tab.evaluate(() => (window.loop.calling = false));
  for (const tab of tabs)
    await expect.poll(() => tab.evaluate(() => window.loop.issued - window.loop.statuses.length)).toBe(0);

  for (const tab of tabs) {
    const statuses = await tab.evaluate(() => window.loop.statuses);
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await expect(tab.getByTestId('worker-updated')).toHaveAttribute('data-updates', '1');
  }
  expect(loads).toEqual([0, 0]);

  // Build 2 is another worker (it started later), and it re-derived the session from the cookie: signed
  // in, no sign-out latch, no sign-out at Better Auth, the same user's tokens.
  const status = await workerStatus(page);
  expect(status.startedAt).toBeGreaterThan(startedAt);
  expect(status).toMatchObject({ session: 'signed-in', signedOutLatch: false });
  const stats = await serverStats(request);
  expect(stats.api.withoutBearer).toBe(0);
  expect(stats.auth.signOut).toBe(0);
  expect(new Set(stats.api.log.map((e) => e.tokenSub))).toEqual(new Set([userId]));
});

test('an app reading the worker status without pause while a build takes over does not park it: the swap completes in seconds', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  // Calls wait in the old build on the slow token endpoint (the swap waits for them) while the app reads
  // the status without pause. A read that reached the old build as it stopped would park the new one for
  // minutes; the bridge holds reads until the swap is done.
  await callsWaitingOnToken(page, request, `${API}/v1/${userId}/tasks`, 10, 1000);
  await page.evaluate(() => {
    const poll: StatusPoll = (window.poll = { answered: 0, failed: 0, reading: true });
    // Three readers, each asking again as soon as it has its answer.
    for (let i = 0; i < 3; i++)
      void (async () => {
        while (poll.reading)
          await window.bearerWorker.status().then(
            () => poll.answered++,
            () => poll.failed++,
          );
      })();
  });
  expect(await deployAndSwap(page, request)).toBe(true);
  expect(await page.evaluate(() => window.inflight)).toEqual(Array(10).fill(200));
  const reads = await page.evaluate(() => {
    window.poll.reading = false;
    return { answered: window.poll.answered, failed: window.poll.failed };
  });
  expect(reads.failed).toBe(0);
  expect(reads.answered).toBeGreaterThan(100);
});
