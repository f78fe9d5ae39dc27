import type { BenchTab } from './bench-tab.js';

/**
 * Signs a new user up through Better Auth's HTTP API from a bench page (so the session cookie lands in
 * this browser), mints one token for the contenders that hold it in the page, and writes the config
 * every bench page of the origin starts from. Returns the user id.
 */
export async function signUpAndConfigure(tab: BenchTab, apiOrigin: string): Promise<string> {
  return tab.evaluate(async (api) => {
    const body = { name: 'Bench User', email: `bench${Date.now()}@example.test`, password: 'correct horse battery' };
    const res = await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
    const userId = ((await res.json()) as { user: { id: string } }).user.id;
    const minted = await fetch('/api/auth/token', { cache: 'no-store' });
    if (!minted.ok) throw new Error(`token: ${minted.status}`);
    const { token } = (await minted.json()) as { token: string };
    await window.bench.configure({ apiOrigin: api, userId, token });
    return userId;
  }, apiOrigin);
}
