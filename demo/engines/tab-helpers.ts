// What the flows do in a tab, written once for every engine.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { BrowserTab } from './browser-tab.js';

const PASSWORD = 'correct horse battery';
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Waits until `fn(arg)` in the page returns true (a page in the middle of a navigation counts as not yet). */
export async function until<A>(tab: BrowserTab, fn: (arg: A) => boolean, arg: A, timeout = 15_000): Promise<void> {
  await expect.poll(() => tab.evaluate(fn, arg).catch(() => false), { timeout, interval: 100 }).toBe(true);
}

const testIdText = (tab: BrowserTab, testId: string, text: string) =>
  until(tab, ([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === t, [testId, text] as [
    string,
    string,
  ]);

export const testIdCount = (tab: BrowserTab, testId: string, count: number) =>
  until(tab, ([id, n]) => document.querySelectorAll(`[data-testid="${id}"]`).length === n, [testId, count] as [
    string,
    number,
  ]);

/** The page is controlled by the demo's worker (the bridge's `ready`, and the inspector says so). */
export async function waitControlled(tab: BrowserTab): Promise<void> {
  await until(tab, () => typeof window.bearerWorker === 'object', null);
  await tab.evaluate(() => window.bearerWorker.ready, null);
  await testIdText(tab, 'controlled', 'yes');
}

let users = 0;
/** Signs a fresh user up through the login page's UI; returns once the app's first task-list call is done. */
export async function signUp(tab: BrowserTab): Promise<{ email: string; userId: string }> {
  const email = `engine${Date.now()}-${++users}@example.test`;
  await tab.goto('/login');
  await waitControlled(tab);
  await tab.click('show-sign-up');
  await tab.fill('name', 'Engine User');
  await tab.fill('email', email);
  await tab.fill('password', PASSWORD);
  await tab.click('sign-up');
  await testIdText(tab, 'user-email', email);
  await until(tab, () => document.querySelector('[data-testid="tasks-empty"]') !== null, null);
  const userId = await tab.evaluate(async () => {
    const res = await fetch('/api/auth/get-session');
    return ((await res.json()) as { user: { id: string } }).user.id;
  }, null);
  return { email, userId };
}

/** Plain fetch from the page, exactly as app code calls the API. */
export function pageFetch(
  tab: BrowserTab,
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  return tab.evaluate(
    async ([url, init]) => {
      const res = await fetch(url, init);
      return { status: res.status, body: await res.text(), headers: [...res.headers.entries()] };
    },
    [url, init] as [string, typeof init],
  );
}
