// Takes docs/inspector.png from a running demo (`npm run demo` in another shell): signs a user up, adds
// and edits tasks, makes the API refuse one token, lets a short-lived token be refreshed, signs out and
// back in, and shoots the page with the inspector's request timeline and counters.
// Usage: node scripts/screenshot-demo.mjs [appUrl]
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const app = process.argv[2] ?? 'http://localhost:5173';
const email = `demo${Date.now()}@example.test`;
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${app}/login`);
  // A 12 s token, so a background refresh shows on the timeline within the shot.
  await page.evaluate(() =>
    fetch('/demo/settings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jwtTtlSeconds: 12 }),
    }),
  );
  await page.getByTestId('show-sign-up').click();
  await page.getByTestId('name').fill('Demo User');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill('correct horse battery');
  await page.getByTestId('sign-up').click();
  await page.getByTestId('tasks-empty').waitFor();
  for (const title of ['Buy oat milk', 'Write the README', 'Ship v0.1']) {
    await page.getByTestId('new-task-title').fill(title);
    await page.getByTestId('add-task').click();
    await page.getByText(title).waitFor();
  }
  await page.getByTestId('task-toggle').first().click();
  await page.getByTestId('fault-api-401').click(); // the next call is refused once: refresh + retry
  await page.getByTestId('new-task-title').fill('Survives a 401');
  await page.getByTestId('add-task').click();
  await page.getByText('Survives a 401').waitFor();
  await page.locator('[data-testid="counter-retries"]', { hasText: '1' }).waitFor();
  // Keep using the app until the worker has refreshed the token in the background.
  const fetched = page.locator('[data-testid="timeline-mark"][data-kind="token"]');
  const before = await fetched.count();
  while ((await fetched.count()) <= before) {
    await page.getByTestId('task-toggle').last().click();
    await page.waitForTimeout(1000);
  }
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill('correct horse battery');
  await page.getByTestId('sign-in').click();
  await page.getByText('Survives a 401').waitFor();
  await page.getByTestId('new-task-title').fill('Back after signing in');
  await page.getByTestId('add-task').click();
  await page.getByText('Back after signing in').waitFor();
  await page.waitForTimeout(1200); // one more inspector poll, so the last calls are drawn
  await page.screenshot({ path: new URL('../docs/inspector.png', import.meta.url).pathname });
  console.log('wrote docs/inspector.png');
} finally {
  await browser.close();
}
