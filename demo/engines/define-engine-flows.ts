import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { BrowserEngine, BrowserTab } from './browser-tab.js';
import { API, APP, JWT_PATTERN, control, serverStats } from './engine-stack.js';
import { probeStaticRouting } from './static-routing-probe.js';
import { pageFetch, sha256, signUp, testIdCount, until, waitControlled } from './tab-helpers.js';

export interface EngineFacts {
  /** Whether this engine has the Static Routing API; pinned so the docs' browser table cannot go stale. */
  staticRouting: boolean;
}

/**
 * The demo's main flows in one browser engine, against the real stack: each test asserts
 * what the servers counted, as the Chromium suite in demo/e2e does.
 */
export function defineEngineFlows(launch: () => Promise<BrowserEngine>, facts: EngineFacts): void {
  let engine: BrowserEngine;
  let tab: BrowserTab;

  beforeAll(async () => {
    engine = await launch();
    console.log(`[engines] ${engine.name}: ${engine.version}`);
  });
  afterAll(() => engine?.close());

  describe('bearer-worker in this engine', () => {
    beforeEach(async () => {
      await control('/demo/reset');
      tab = await engine.open(APP);
    });
    afterEach(() => tab?.close());

    test('CRUD through the UI: every API call carried a Bearer token, and page script can read none', async () => {
      await signUp(tab);
      await tab.fill('new-task-title', 'Cross-engine task');
      await tab.click('add-task');
      await testIdCount(tab, 'task-item', 1);
      await tab.click('task-toggle');
      await until(
        tab,
        () => (document.querySelector('[data-testid="task-toggle"]') as HTMLInputElement)?.checked,
        null,
      );
      await tab.goto('/');
      await waitControlled(tab);
      await testIdCount(tab, 'task-item', 1);
      await tab.click('task-delete');
      await until(tab, () => document.querySelector('[data-testid="tasks-empty"]') !== null, null);

      const { api } = await serverStats();
      expect([...new Set(api.log.map((e) => e.method))].sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
      expect(api.withoutBearer).toBe(0);
      expect(api.log.every((e) => e.bearer && e.status < 400)).toBe(true);

      // Positive control: the auth server does hand this browser's session a JWT in `set-auth-jwt`…
      const direct = await fetch(`${APP}/api/auth/get-session`, { headers: { cookie: await tab.cookieHeader() } });
      expect(direct.headers.get('set-auth-jwt')).toMatch(JWT_PATTERN);
      // …but the page is refused the token endpoint, and nothing page script can read holds a JWT.
      const found = await tab.evaluate(
        async ([api, pattern]) => {
          const jwt = new RegExp(pattern);
          const hits: string[] = [];
          const token = await fetch('/api/auth/token');
          hits.push(`token endpoint ${token.status} ${token.headers.get('x-bearer-worker-error')}`);
          if (jwt.test(await token.text())) hits.push('token endpoint body');
          for (const store of [localStorage, sessionStorage])
            for (let i = 0; i < store.length; i++)
              if (jwt.test(store.getItem(store.key(i)!) ?? '')) hits.push('storage');
          if (jwt.test(document.cookie)) hits.push('document.cookie');
          if (jwt.test(document.documentElement.outerHTML)) hits.push('DOM');
          for (const key of Object.getOwnPropertyNames(window)) {
            try {
              const v = (window as unknown as Record<string, unknown>)[key];
              if (typeof v === 'string' && jwt.test(v)) hits.push(`window.${key}`);
            } catch {
              // an inaccessible property: not where our code put anything
            }
          }
          for (const url of ['/api/auth/get-session', `${api}/v1/nobody/tasks`]) {
            const res = await fetch(url);
            for (const [name, value] of res.headers)
              if (name === 'set-auth-jwt' || jwt.test(value)) hits.push(`header ${name} of ${url}`);
            if (jwt.test(await res.text())) hits.push(`body of ${url}`);
          }
          return hits;
        },
        [API, JWT_PATTERN.source] as [string, string],
      );
      expect(found).toEqual(['token endpoint 403 token-endpoint-blocked']);
    });

    test('two tabs calling at once on an empty token cache: one token fetch for the whole browser', async () => {
      const { userId } = await signUp(tab);
      const second = await tab.openTab();
      try {
        await second.goto('/');
        await waitControlled(second);
        await until(second, () => document.querySelector('[data-testid="tasks-empty"]') !== null, null);
        await tab.evaluate(() => window.bearerWorker.forgetToken(), null);
        await control('/demo/stats/reset');

        // Each tab starts 20 calls without waiting, then both wait for all of theirs.
        const url = `${API}/v1/${userId}/tasks`;
        const start = (url: string) => {
          const w = window as unknown as { calls: Promise<number[]> };
          w.calls = Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.status)));
        };
        await tab.evaluate(start, url);
        await second.evaluate(start, url);
        const wait = () => (window as unknown as { calls: Promise<number[]> }).calls;
        expect([...(await tab.evaluate(wait, null)), ...(await second.evaluate(wait, null))]).toEqual(
          Array(40).fill(200),
        );

        const { api, auth } = await serverStats();
        expect(auth.tokenRequests).toBe(1);
        expect(api.withBearer).toBe(40);
        expect(api.distinctTokens).toBe(1);
      } finally {
        await second.close();
      }
    });

    test('a token near expiry is replaced before it expires, with no 401 anywhere', async () => {
      await control('/demo/settings', { jwtTtlSeconds: 6 });
      const { userId } = await signUp(tab);
      await control('/demo/stats/reset');
      const seen: number[] = [];

      // Call the API until the server has seen three different tokens (two refreshes, over one lifetime).
      await expect
        .poll(
          async () => {
            seen.push((await pageFetch(tab, `${API}/v1/${userId}/tasks`)).status);
            return (await serverStats()).api.distinctTokens;
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBeGreaterThanOrEqual(3);

      expect(new Set(seen)).toEqual(new Set([200]));
      const { api } = await serverStats();
      // Each new token was first used while the one before had more than 1.5 s to live (the refresh
      // margin is 3 s at this lifetime; a token fetched only once the old one expired fails this).
      const used = api.log.filter((e) => e.tokenId && e.tokenExp);
      const switches = used.filter((e, i) => i > 0 && e.tokenId !== used[i - 1]!.tokenId);
      expect(switches.length).toBeGreaterThanOrEqual(2);
      for (const e of switches) expect(used[used.indexOf(e) - 1]!.tokenExp! * 1000 - e.at).toBeGreaterThan(1500);
      expect(api.byStatus['401'] ?? 0).toBe(0);
      expect(api.withoutBearer).toBe(0);
    });

    test('the API refuses a token once: one token fetch, one retry, the POST body arrives whole', async () => {
      const { userId } = await signUp(tab);
      expect((await pageFetch(tab, `${API}/v1/${userId}/tasks`)).status).toBe(200);
      // A token minted within the same second as the held one is byte-identical, and the worker does not
      // resend a token the API refused: let the clock pass the held token's iat, so the refresh differs.
      const iat = await tab.evaluate(async () => (await window.bearerWorker.status()).token!.claims.iat!, null);
      await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(iat);
      await control('/demo/faults', { api401Next: 1 });
      await control('/demo/stats/reset');

      const body = JSON.stringify({ title: 'Ünïcödé ✓ task', description: 'x'.repeat(5000) });
      const res = await pageFetch(tab, `${API}/v1/${userId}/tasks`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });

      expect(res.status).toBe(201);
      expect(JSON.parse(res.body).task.title).toBe('Ünïcödé ✓ task');
      const { api, auth } = await serverStats();
      // The API refuses the first token before reading the body; the retry carries it whole.
      expect(api.log.map((e) => [e.method, e.status, e.bearer, e.bodySha256, e.bodyLength])).toEqual([
        ['POST', 401, true, undefined, undefined],
        ['POST', 201, true, sha256(body), Buffer.byteLength(body)],
      ]);
      expect(auth.tokenRequests).toBe(1);
      expect(auth.signOut).toBe(0);
      // The inspector's timeline draws both: the refused call as a 401, the worker's retry ringed.
      await until(
        tab,
        () =>
          document.querySelector('[data-testid="timeline-mark"][data-kind="call"][data-status="401"]') !== null &&
          document.querySelector('[data-testid="timeline-mark"][data-status="201"][data-retried="true"]') !== null,
        null,
      );
    });

    test('a session revoked on the server ends on /login?session_expired=true after one sign-out', async () => {
      const { userId } = await signUp(tab);
      expect((await pageFetch(tab, `${API}/v1/${userId}/tasks`)).status).toBe(200);
      const revoked = await tab.evaluate(
        () =>
          fetch('/demo/revoke-session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          }).then((r) => r.status),
        null,
      );
      expect(revoked).toBe(200);
      await control('/demo/stats/reset');
      // The API trusts the JWT it has until it expires; dropping the worker's copy is reaching that expiry.
      await tab.evaluate(() => window.bearerWorker.forgetToken(), null);

      // The page navigates away when told, so nobody awaits these answers.
      await tab.evaluate(
        (url) => void [1, 2, 3].forEach(() => fetch(url).catch(() => undefined)),
        `${API}/v1/${userId}/tasks`,
      );

      await until(
        tab,
        () => location.pathname === '/login' && document.querySelector('[data-testid="session-expired"]') !== null,
        null,
      );
      const url = new URL(await tab.evaluate(() => location.href, null));
      expect(url.searchParams.get('session_expired')).toBe('true');
      expect(url.searchParams.get('returnTo')).toBe('/');
      const { api, auth } = await serverStats();
      expect(auth.signOut).toBe(1);
      expect(auth.tokenRequests).toBe(1);
      expect(api.withBearer).toBe(0);
      expect(api.byStatus['401']).toBeGreaterThanOrEqual(1);
      // The login page's inspector puts the sign-out on the timeline, after calls that went without a token.
      await until(
        tab,
        () =>
          document.querySelector('[data-testid="timeline-mark"][data-kind="sign-out"]') !== null &&
          document.querySelector('[data-testid="timeline-mark"][data-token="false"][data-status="401"]') !== null,
        null,
      );
    });

    test('sign-out in the UI ends the session; the next API call carries no token and none is minted', async () => {
      const { userId } = await signUp(tab);
      expect((await pageFetch(tab, `${API}/v1/${userId}/tasks`)).status).toBe(200);

      await tab.click('sign-out');
      await until(tab, () => location.pathname === '/login' && location.search === '', null);
      await waitControlled(tab);
      // The worker's sign-out reached Better Auth: the server has no session for this browser any more.
      expect(await tab.evaluate(() => fetch('/api/auth/get-session').then((r) => r.json()), null)).toBeNull();
      expect((await serverStats()).auth.signOut).toBe(1);
      await control('/demo/stats/reset');

      expect((await pageFetch(tab, `${API}/v1/${userId}/tasks`)).status).toBe(401);
      const { api, auth } = await serverStats();
      expect(api.log).toEqual([expect.objectContaining({ method: 'GET', bearer: false, status: 401 })]);
      // No token was minted for a signed-out browser (whether the worker asks the endpoint again is its call).
      expect(auth.tokenOk).toBe(0);
      expect(auth.signOut).toBe(0);
    });

    test('a task created while the API is unreachable is pending, then replayed exactly once under its user', async () => {
      const { userId } = await signUp(tab);
      await control('/demo/faults', { apiUnreachable: true });
      await tab.fill('new-task-title', 'Kept offline');
      await tab.click('add-task');
      await testIdCount(tab, 'task-pending', 1);
      expect((await serverStats()).api.log.filter((e) => e.method === 'POST')).toEqual([]);

      await control('/demo/faults', { apiUnreachable: false });
      // No Background Sync in this engine and no `online` event here (only the API was down): ask the worker.
      await tab.evaluate(() => window.bearerWorker.replayQueue(), null);
      await testIdCount(tab, 'task-item', 1);
      await testIdCount(tab, 'task-pending', 0);
      const posts = (await serverStats()).api.log.filter((e) => e.method === 'POST');
      expect(posts).toEqual([expect.objectContaining({ status: 201, tokenSub: userId })]);
      expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  test(`Static Routing API: ${facts.staticRouting ? 'present' : 'absent'} (the docs' browser table says so)`, async () => {
    expect(await probeStaticRouting(engine)).toBe(facts.staticRouting);
  });
}
