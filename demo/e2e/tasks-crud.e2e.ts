import { expect, test } from '@playwright/test';
import { API, APP, JWT_PATTERN, resetStack, serverStats, signUp } from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('a new user manages tasks with plain fetch; every API call carried a Bearer token the page never saw', async ({
  page,
  request,
}) => {
  await signUp(page);

  await page.getByTestId('new-task-title').fill('Write the README');
  await page.getByTestId('new-task-description').fill('front door');
  await page.getByTestId('add-task').click();
  await expect(page.getByTestId('task-item').filter({ hasText: 'Write the README' })).toHaveCount(1);
  const id = await page.getByTestId('task-item').filter({ hasText: 'Write the README' }).getAttribute('data-task-id');
  const item = page.locator(`[data-testid="task-item"][data-task-id="${id}"]`);

  await item.getByTestId('task-toggle').click(); // controlled: it turns on when the API answered
  await expect(item.getByTestId('task-toggle')).toBeChecked();
  await item.getByTestId('task-edit').click();
  await item.getByTestId('task-edit-input').fill('Write the whole README');
  await item.getByTestId('task-save').click();
  await expect(item.getByTestId('task-title')).toHaveText('Write the whole README');

  await page.reload();
  await expect(page.getByTestId('task-item')).toHaveCount(1);
  await page.getByTestId('task-item').getByTestId('task-delete').click();
  await expect(page.getByTestId('task-item')).toHaveCount(0);

  const { api } = await serverStats(request);
  const methods = new Set(api.log.map((e) => e.method));
  expect([...methods].sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
  expect(api.withoutBearer).toBe(0);
  expect(api.withBearer).toBe(api.requests);
  expect(api.log.every((e) => e.bearer && e.status < 400)).toBe(true);

  // Positive control: the auth server does put the JWT in a response header (set-auth-jwt)…
  const cookies = await page.context().cookies(APP);
  const direct = await request.get(`${APP}/api/auth/get-session`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  expect(direct.headers()['set-auth-jwt']).toMatch(JWT_PATTERN);

  // …and nothing page script can read holds one: globals, storage, IndexedDB, cookies, response headers.
  const found = await page.evaluate(
    async ({ api, pattern }) => {
      const jwt = new RegExp(pattern);
      const hits: string[] = [];
      for (const key of Object.getOwnPropertyNames(window)) {
        try {
          const v = (window as unknown as Record<string, unknown>)[key];
          if (typeof v === 'string' && jwt.test(v)) hits.push(`window.${key}`);
          if (v && typeof v === 'object' && !(v instanceof Node) && v !== window && jwt.test(JSON.stringify(v) ?? ''))
            hits.push(`window.${key}`);
        } catch {
          // Cyclic or inaccessible: not a place a token was put by our code.
        }
      }
      for (const store of [localStorage, sessionStorage])
        for (let i = 0; i < store.length; i++) if (jwt.test(store.getItem(store.key(i)!) ?? '')) hits.push('storage');
      // Every IndexedDB store (the demo's worker keeps offline writes there, without their token).
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const storeName of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((resolve) => {
            const all = db.transaction(storeName).objectStore(storeName).getAll();
            all.onsuccess = () => resolve(all.result as unknown[]);
          });
          if (jwt.test(JSON.stringify(rows))) hits.push(`indexedDB ${name}/${storeName}`);
        }
        db.close();
      }
      if (jwt.test(document.cookie)) hits.push('document.cookie');
      if (jwt.test(document.documentElement.outerHTML)) hits.push('DOM');
      for (const url of ['/api/auth/get-session', `${api}/v1/nobody/tasks`]) {
        const res = await fetch(url);
        for (const [name, value] of res.headers)
          if (name === 'set-auth-jwt' || jwt.test(value)) hits.push(`header ${name} of ${url}`);
        if (jwt.test(await res.text())) hits.push(`body of ${url}`);
      }
      return hits;
    },
    { api: API, pattern: JWT_PATTERN.source },
  );
  expect(found).toEqual([]);
});
