import { describe, expect, it, vi } from 'vitest';
import { createBridge, type WorkboxLike } from './create-bridge.js';
import { WAKE_AFTER_MS } from './interaction-hint.js';
import { resolveOptions, type BearerWorkerOptions } from './resolve-options.js';
import { envelope } from '../protocol/protocol.js';
import {
  answer,
  FakeContainer,
  FakeRegistration,
  FakeWorker,
  FakeWorkbox,
  fakeLocation,
} from './test-support/fake-service-worker.js';

const API = 'https://api.example';
const HINT = '/api/auth/__bearer-worker/page-loaded';

function setup(
  options: Partial<BearerWorkerOptions> = {},
  { controlled = false, workerOrigins = [API], hintFails = false } = {},
) {
  const container = new FakeContainer();
  const worker = new FakeWorker();
  answer(worker, { status: { apiOrigins: workerOrigins } });
  const reg = new FakeRegistration();
  if (controlled) {
    reg.active = worker;
    container.controller = worker;
  } else reg.installing = worker;
  const register = vi.fn(async (_options?: { immediate?: boolean }) => reg as unknown as ServiceWorkerRegistration);
  const workbox = new FakeWorkbox(register);
  const location = fakeLocation();
  const reload = vi.fn();
  const interactions = new EventTarget();
  const online: Array<() => void> = [];
  // The tab's sessionStorage.
  const items = new Map<string, string>();
  const memory = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
  // The page-load hint is a fetch the worker answers itself (204).
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
    hintFails ? Promise.reject(new TypeError('Failed to fetch')) : new Response(null, { status: 204 }),
  );
  const bridge = createBridge(resolveOptions({ apiOrigins: [API], ...options }, location.origin), {
    container: container as unknown as ServiceWorkerContainer,
    location,
    isOurs: (sw): sw is ServiceWorker => sw === worker,
    workbox: Promise.resolve(workbox as unknown as WorkboxLike),
    fetch,
    interactions,
    reload,
    onOnline: (listener) => online.push(listener),
    memory: () => memory,
  });
  const types = () => worker.requests.map((r) => r.type);
  const hints = () => fetch.mock.calls.map(([url]) => String(url));
  return {
    bridge,
    container,
    worker,
    reg,
    register,
    workbox,
    location,
    reload,
    types,
    hints,
    fetch,
    interactions,
    online,
    memory,
  };
}

/** The worker installs, activates and claims the page, as the real one does. */
function activateAndClaim({ container, worker, reg }: ReturnType<typeof setup>) {
  worker.become('activated');
  reg.installing = null;
  reg.active = worker;
  container.becomeReady(reg);
  container.control(worker);
}

/** A new build of ours that is installed and waiting: workbox-window says so, and the bridge asks it to take over. */
function waitingBuild({ workbox }: ReturnType<typeof setup>, takesOver: boolean): FakeWorker {
  const next = new FakeWorker();
  next.state = 'installed';
  answer(next, { 'take-over': takesOver });
  workbox.dispatch('waiting', { sw: next });
  return next;
}

describe('createBridge', () => {
  it('tells an already controlling worker at once that a page loaded, without waiting for the registration, and only once', async () => {
    const s = setup({}, { controlled: true });
    expect(s.hints()).toEqual([HINT]);
    expect(s.fetch.mock.calls[0]![1]).toMatchObject({ cache: 'no-store' });
    expect(s.types()).toEqual([]);
    await s.bridge.ready;
    expect(s.register).toHaveBeenCalledExactlyOnceWith({ immediate: true });
    s.container.control(s.worker);
    expect(s.types()).toEqual(['status']);
    expect(s.hints()).toEqual([HINT]);
  });

  it('sends the hint under a custom authBasePath, and none when the scope does not cover it', async () => {
    const s = setup({ scope: '/app/', authBasePath: '/app/auth' }, { controlled: true });
    expect(s.hints()).toEqual(['/app/auth/__bearer-worker/page-loaded']);
    await s.bridge.ready;
    const off = setup({ scope: '/app/' }, { controlled: true });
    await expect(off.bridge.ready).rejects.toMatchObject({ code: 'scope-mismatch' });
    expect(off.hints()).toEqual([]);
  });

  it('tells the worker that a page loaded as soon as it controls an uncontrolled page', async () => {
    const s = setup();
    await Promise.resolve();
    expect(s.types()).toEqual([]);
    expect(s.hints()).toEqual([]);
    activateAndClaim(s);
    await s.bridge.ready;
    expect(s.types()).toEqual(['status']);
    expect(s.hints()).toEqual([HINT]);
    expect(s.bridge.isControlled()).toBe(true);
  });

  it('asks an active worker to claim a page it does not control, and is ready once it does', async () => {
    const s = setup();
    s.worker.onRequest = (m, port) => {
      if (m.type === 'claim') s.container.control(s.worker);
      port.postMessage({ ...envelope(m.id), type: 'reply', ok: true, value: { apiOrigins: [API] } });
    };
    s.reg.installing = null;
    s.reg.active = s.worker;
    s.container.becomeReady(s.reg);
    await s.bridge.ready;
    expect(s.types()).toEqual(['claim', 'status']);
    expect(s.hints()).toEqual([HINT]);
  });

  it('sends the hint again on the first interaction once the idle worker may have stopped, and only to ours', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const s = setup({}, { controlled: true });
      await s.bridge.ready;
      const press = () => s.interactions.dispatchEvent(new Event('pointerdown'));
      press();
      expect(s.hints()).toEqual([HINT]);
      vi.advanceTimersByTime(WAKE_AFTER_MS);
      press();
      press();
      expect(s.hints()).toEqual([HINT, HINT]);
      // Not controlled by our worker (it went redundant, say): nothing to wake.
      s.container.controller = null;
      vi.advanceTimersByTime(WAKE_AFTER_MS);
      press();
      expect(s.hints()).toEqual([HINT, HINT]);
      const off = setup({ scope: '/app/' }, { controlled: true });
      vi.advanceTimersByTime(WAKE_AFTER_MS);
      off.interactions.dispatchEvent(new Event('keydown'));
      expect(off.hints()).toEqual([]);
      await expect(off.bridge.ready).rejects.toMatchObject({ code: 'scope-mismatch' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('swallows a failing page-load hint', async () => {
    const s = setup({}, { controlled: true, hintFails: true });
    expect(s.fetch).toHaveBeenCalledOnce();
    // An unhandled rejection would fail this test run.
    await expect(s.bridge.ready).resolves.toBeUndefined();
  });

  it('warns with the narrow-scope code when the scope is narrower than the site, and only then', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      setup({ scope: '/app/', authBasePath: '/app/api/auth' }, { controlled: true });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[bearer-worker\] narrow-scope: scope '\/app\/'/);
      setup({}, { controlled: true });
      setup({ scope: '/' }, { controlled: true });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects ready with scope-mismatch and registers nothing when the scope does not cover authBasePath', async () => {
    for (const [scope, authBasePath] of [
      ['/app/', undefined],
      ['/api/auth/token', undefined],
      ['/api/', '/auth'],
    ] as const) {
      const s = setup({ scope, authBasePath }, { controlled: true });
      await expect(s.bridge.ready).rejects.toMatchObject({ name: 'BearerWorkerError', code: 'scope-mismatch' });
      await expect(s.bridge.status()).rejects.toMatchObject({ code: 'scope-mismatch' });
      expect(s.register).not.toHaveBeenCalled();
      expect(s.types()).toEqual([]);
    }
    for (const [scope, authBasePath] of [
      ['/', '/api/auth'],
      ['/api/', '/api/auth'],
      ['/app/', '/app/auth'],
    ]) {
      const s = setup({ scope, authBasePath }, { controlled: true });
      await expect(s.bridge.ready).resolves.toBeUndefined();
    }
  });

  it('rejects ready with registration-failed, not a timeout, when the installing worker turns redundant', async () => {
    const s = setup({ controlTimeoutMs: 120000 });
    await vi.waitFor(() => expect(s.register).toHaveBeenCalled());
    s.worker.become('redundant');
    s.workbox.dispatch('redundant', { sw: s.worker });
    await expect(s.bridge.ready).rejects.toMatchObject({ code: 'registration-failed' });
  });

  it('does not give up while an active worker remains when an update fails to install', async () => {
    const s = setup();
    const update = new FakeWorker();
    s.reg.installing = update;
    s.reg.active = s.worker;
    await vi.waitFor(() => expect(s.register).toHaveBeenCalled());
    update.become('redundant');
    s.workbox.dispatch('redundant', { sw: update });
    s.container.becomeReady(s.reg);
    s.container.control(s.worker);
    await expect(s.bridge.ready).resolves.toBeUndefined();
  });

  it('rejects ready with registration-failed when the browser refuses the registration', async () => {
    const s = setup();
    const refused = new FakeWorkbox(() => Promise.reject(new TypeError('bad MIME type')));
    const again = createBridge(resolveOptions({ apiOrigins: [API] }, s.location.origin), {
      container: s.container as unknown as ServiceWorkerContainer,
      location: s.location,
      isOurs: (sw): sw is ServiceWorker => sw === s.worker,
      workbox: Promise.resolve(refused as unknown as WorkboxLike),
      fetch: s.fetch,
      reload: s.reload,
    });
    await expect(again.ready).rejects.toMatchObject({ code: 'registration-failed', message: /bad MIME type/ });
  });

  it.each([
    [[API, API], [API], true],
    [[API], [API, API], true],
    [[API, 'https://b.example'], ['https://b.example', API], true],
    [[API, API], [API, 'https://b.example'], false],
    [[API], ['https://b.example'], false],
  ])('compares apiOrigins as sets: page %j, worker %j → match %s', async (page, workerOrigins, match) => {
    const s = setup({ apiOrigins: page }, { controlled: true, workerOrigins });
    const ready = s.bridge.ready;
    if (match) await expect(ready).resolves.toBeUndefined();
    else await expect(ready).rejects.toMatchObject({ code: 'config-mismatch' });
  });

  it('sends session-changed and fails it with its own code', async () => {
    const s = setup({}, { controlled: true });
    await s.bridge.ready;
    await s.bridge.sessionChanged();
    expect(s.types()).toEqual(['status', 'session-changed']);
    s.worker.onRequest = (m, port) =>
      port.postMessage({ ...envelope(m.id), type: 'reply', ok: false, error: { code: 'status-failed', message: 'x' } });
    await expect(s.bridge.sessionChanged()).rejects.toMatchObject({ code: 'session-changed-failed' });
    await expect(s.bridge.signOut()).rejects.toMatchObject({ code: 'sign-out-failed' });
  });

  it('runs onSignedOut and redirects when our worker says the session expired', async () => {
    const onSignedOut = vi.fn();
    const s = setup({ onSignedOut }, { controlled: true });
    const extra = vi.fn();
    s.bridge.onSignedOut(extra);
    s.container.deliver({ ...envelope('n'), type: 'signed-out', payload: { reason: 'session-expired' } }, s.worker);
    await vi.waitFor(() => expect(s.location.assigned).toHaveLength(1));
    expect(onSignedOut).toHaveBeenCalledWith({ reason: 'session-expired' });
    expect(extra).toHaveBeenCalledOnce();
    expect(s.location.assigned[0]).toMatch(/\/login\?session_expired=true&returnTo=/);
  });

  describe('updates, from workbox-window lifecycle events', () => {
    it('tells a build that took over a controlled page once, and never reloads by default', async () => {
      const s = setup({}, { controlled: true });
      await s.bridge.ready;
      const events: string[] = [];
      s.bridge.onUpdate((e) => events.push(e.type));
      s.workbox.dispatch('controlling', { isUpdate: true, sw: s.worker });
      expect(events).toEqual(['controlling']);
      expect(s.reload).not.toHaveBeenCalled();
    });

    it('tells nothing when a first install claims the page, and tells the next build that takes it over', async () => {
      const s = setup();
      const events: string[] = [];
      s.bridge.onUpdate((e) => events.push(e.type));
      await vi.waitFor(() => expect(s.register).toHaveBeenCalled());
      activateAndClaim(s);
      await s.bridge.ready;
      s.workbox.dispatch('controlling', { isUpdate: false });
      expect(events).toEqual([]);
      s.workbox.dispatch('controlling', { isUpdate: false });
      expect(events).toEqual(['controlling']);
      expect(s.reload).not.toHaveBeenCalled();
    });

    it('tells a build that waits for its host once, to late listeners too; accept() asks it to skip waiting until it does', async () => {
      const s = setup({}, { controlled: true });
      await s.bridge.ready;
      const early: string[] = [];
      s.bridge.onUpdate((e) => early.push(e.type));
      const next = waitingBuild(s, false);
      s.workbox.dispatch('waiting', { sw: next });
      await vi.waitFor(() => expect(early).toEqual(['waiting']));
      expect(next.requests.map((r) => r.type)).toEqual(['take-over']);
      let accept = () => {};
      s.bridge.onUpdate((e) => e.type === 'waiting' && (accept = e.accept));
      vi.useFakeTimers();
      try {
        accept();
        expect(s.workbox.skipWaitingMessages).toBe(1);
        // Still waiting a second later (parked by Chromium): asked again; once it moves on, no more.
        await vi.advanceTimersByTimeAsync(1000);
        expect(s.workbox.skipWaitingMessages).toBe(2);
        next.become('activating');
        await vi.advanceTimersByTimeAsync(5000);
        expect(s.workbox.skipWaitingMessages).toBe(2);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a build that takes over at once (the default worker) is not a prompt: it is asked again while it waits', async () => {
      const s = setup({}, { controlled: true });
      await s.bridge.ready;
      const events: string[] = [];
      s.bridge.onUpdate((e) => events.push(e.type));
      const next = waitingBuild(s, true);
      const asks = () => next.requests.filter((r) => r.type === 'take-over').length;
      await vi.waitFor(() => expect(asks()).toBe(1));
      // Parked: asked again about a second later.
      await vi.waitFor(() => expect(asks()).toBe(2), { timeout: 3000 });
      expect(events).toEqual([]);
      expect(s.workbox.skipWaitingMessages).toBe(0);
      next.become('activated');
    });

    it('while a build it asked to take over waits, reads wait for the swap and no hint wakes the old build; sign-out and session changes go at once', async () => {
      vi.useFakeTimers({ toFake: ['performance'] });
      try {
        const s = setup({ offlineWrites: true }, { controlled: true });
        await vi.waitFor(() => expect(s.types()).toEqual(['status', 'replay-queue']));
        const next = waitingBuild(s, true);
        expect(next.requests.map((r) => r.type)).toEqual(['take-over']);
        const before = s.types().length;
        const reads = Promise.all([s.bridge.status(), s.bridge.queueStatus(), s.bridge.replayQueue()]);
        vi.advanceTimersByTime(WAKE_AFTER_MS);
        s.interactions.dispatchEvent(new Event('pointerdown'));
        await s.bridge.signOut();
        await s.bridge.forgetToken();
        await s.bridge.sessionChanged();
        expect(s.types().slice(before)).toEqual(['sign-out', 'forget-token', 'session-changed']);
        expect(s.hints()).toEqual([HINT]);
        // The swap: the reads go out now, to the build that controls the page.
        next.become('activating');
        await reads;
        expect(
          s
            .types()
            .slice(before + 3)
            .sort(),
        ).toEqual(['queue-status', 'replay-queue', 'status']);
        // No swap pending: the next interaction after a possible stop sends the hint again.
        vi.advanceTimersByTime(WAKE_AFTER_MS);
        s.interactions.dispatchEvent(new Event('pointerdown'));
        expect(s.hints()).toEqual([HINT, HINT]);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a build that waits for its host holds no read until the user accepts it', async () => {
      const s = setup({ messageTimeoutMs: 60_000 }, { controlled: true });
      await s.bridge.ready;
      const told: Array<() => void> = [];
      s.bridge.onUpdate((e) => e.type === 'waiting' && told.push(e.accept));
      const next = waitingBuild(s, false);
      await vi.waitFor(() => expect(told).toHaveLength(1));
      const accept = told[0]!;
      // Read before the user accepts: nothing is held.
      await s.bridge.status();
      expect(s.types()).toEqual(['status', 'status']);
      vi.useFakeTimers();
      try {
        accept();
        const read = s.bridge.status();
        await vi.advanceTimersByTimeAsync(59_000);
        expect(s.types()).toEqual(['status', 'status']);
        next.become('activating');
        await read;
        expect(s.types()).toEqual(['status', 'status', 'status']);
      } finally {
        vi.useRealTimers();
      }
    });

    it('a parked swap holds reads for messageTimeoutMs at most, then asks the build that controls the page', async () => {
      const s = setup({ messageTimeoutMs: 200 }, { controlled: true });
      await s.bridge.ready;
      const next = waitingBuild(s, true);
      expect(next.requests.map((r) => r.type)).toEqual(['take-over']);
      const asked = Date.now();
      await expect(s.bridge.status()).resolves.toEqual({ apiOrigins: [API] });
      expect(Date.now() - asked).toBeGreaterThanOrEqual(190);
      expect(s.types()).toEqual(['status', 'status']);
      next.become('redundant');
    });

    it('with reloadOnUpdate, reloads once when the build it was told is waiting takes over', async () => {
      const s = setup({ reloadOnUpdate: true }, { controlled: true });
      await s.bridge.ready;
      // A build that takes over without waiting (the default worker): no reload.
      s.workbox.dispatch('controlling', { isUpdate: true });
      expect(s.reload).not.toHaveBeenCalled();
      const prompting = () => {
        const sw = new FakeWorker();
        answer(sw, { 'take-over': false });
        return sw;
      };
      const told: string[] = [];
      s.bridge.onUpdate((e) => told.push(e.type));
      s.workbox.dispatch('waiting', { sw: prompting() });
      await vi.waitFor(() => expect(told).toEqual(['waiting']));
      s.workbox.dispatch('controlling', { isUpdate: true });
      s.workbox.dispatch('waiting', { sw: prompting() });
      await vi.waitFor(() => expect(told).toHaveLength(3));
      s.workbox.dispatch('controlling', { isUpdate: true });
      expect(s.reload).toHaveBeenCalledOnce();
    });

    it("follows the app's own Workbox without registering it, once the app has", async () => {
      const container = new FakeContainer();
      const worker = new FakeWorker();
      answer(worker, { status: { apiOrigins: [API] } });
      const reg = new FakeRegistration();
      reg.active = worker;
      container.controller = worker;
      const register = vi.fn(async () => reg as unknown as ServiceWorkerRegistration);
      let registered!: (sw: ServiceWorker) => void;
      const getSW = () => new Promise<ServiceWorker>((r) => (registered = r));
      const appWorkbox = new FakeWorkbox(register, getSW);
      const getRegistration = vi.fn(async () => reg);
      const bridge = createBridge(
        resolveOptions({ apiOrigins: [API], workbox: appWorkbox as unknown as WorkboxLike }, 'https://app.example'),
        {
          container: Object.assign(container, { getRegistration }) as unknown as ServiceWorkerContainer,
          location: fakeLocation(),
          isOurs: (sw): sw is ServiceWorker => sw === worker,
          workbox: Promise.resolve(appWorkbox as unknown as WorkboxLike),
          fetch: vi.fn(async () => new Response(null, { status: 204 })),
          reload: vi.fn(),
        },
      );
      const events: string[] = [];
      bridge.onUpdate((e) => events.push(e.type));
      await vi.waitFor(() => expect(registered).toBeTypeOf('function'));
      registered(worker as unknown as ServiceWorker);
      await bridge.ready;
      expect(getRegistration).toHaveBeenCalledWith('/');
      const next = new FakeWorker();
      answer(next, { 'take-over': false });
      appWorkbox.dispatch('waiting', { sw: next });
      await vi.waitFor(() => expect(events).toEqual(['waiting']));
      expect(register).not.toHaveBeenCalled();
    });

    it('refuses a workbox option that is not a Workbox', () => {
      expect(() => resolveOptions({ apiOrigins: [API], workbox: {} as WorkboxLike }, 'https://app.example')).toThrow(
        expect.objectContaining({ code: 'invalid-options', message: expect.stringMatching(/: workbox: /) }),
      );
    });
  });

  it('with offlineWrites, asks the worker to replay its queue once ready and each time the page comes online', async () => {
    const s = setup({ offlineWrites: true }, { controlled: true });
    await vi.waitFor(() => expect(s.types()).toEqual(['status', 'replay-queue']));
    s.online.forEach((listener) => listener());
    await vi.waitFor(() => expect(s.types()).toEqual(['status', 'replay-queue', 'replay-queue']));
    const off = setup({}, { controlled: true });
    await off.bridge.ready;
    expect(off.online).toEqual([]);
    expect(off.types()).toEqual(['status']);
  });

  it('hands queue notices from our worker to onQueueChanged listeners', async () => {
    const s = setup({}, { controlled: true });
    const seen: unknown[] = [];
    s.bridge.onQueueChanged((n) => seen.push(n));
    s.container.deliver({ ...envelope('q'), type: 'queue-changed', payload: { id: 'w1', state: 'queued' } }, s.worker);
    s.container.deliver({ ...envelope('q'), type: 'queue-changed', payload: { id: 'w1', state: 'lost' } }, s.worker);
    expect(seen).toEqual([{ id: 'w1', state: 'queued' }]);
    // A signed-out notice is not a queue notice.
    s.container.deliver({ ...envelope('n'), type: 'signed-out', payload: { reason: 'user' } }, s.worker);
    expect(seen).toHaveLength(1);
  });

  describe('another script in the same scope (scope-conflict)', () => {
    const THEIRS = 'https://app.example/pwa-sw.js';

    it('another script installing after ours: told once, ready rejects, nothing registered again, no reload', async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const s = setup({ reloadOnUpdate: true });
      const events: unknown[] = [];
      s.bridge.onUpdate((e) => events.push(e));
      await vi.waitFor(() => expect(s.register).toHaveBeenCalledOnce());
      // vite-plugin-pwa's registerSW, say, registers its own script at the page's load event.
      const theirs = new FakeWorker(THEIRS);
      s.reg.installing = theirs;
      s.reg.dispatchEvent(new Event('updatefound'));
      await expect(s.bridge.ready).rejects.toMatchObject({ code: 'scope-conflict' });
      expect(events).toEqual([{ type: 'conflict', scriptURL: THEIRS }]);
      expect(errors).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^\[bearer-worker\] scope-conflict: /));
      expect(s.register).toHaveBeenCalledOnce();
      expect(s.reload).not.toHaveBeenCalled();
      errors.mockRestore();
    });

    it('on a page ours controls: the other script taking the page is told as the conflict, never as an update', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const s = setup({ reloadOnUpdate: true }, { controlled: true });
      await s.bridge.ready;
      const events: unknown[] = [];
      s.bridge.onUpdate((e) => events.push(e));
      const theirs = new FakeWorker(THEIRS);
      s.reg.installing = theirs;
      s.reg.dispatchEvent(new Event('updatefound'));
      // workbox-window says 'controlling' for whatever script took the page.
      s.container.control(theirs);
      s.workbox.dispatch('controlling', { sw: theirs as unknown as ServiceWorker, isUpdate: true });
      expect(events).toEqual([{ type: 'conflict', scriptURL: THEIRS }]);
      expect(s.reload).not.toHaveBeenCalled();
      vi.mocked(console.error).mockRestore();
    });

    it('a script this tab met in the scope before holds it again: ready rejects and the bridge does not register', async () => {
      const s = setup();
      s.memory.setItem('bearer-worker:rivals:https://app.example/', JSON.stringify([THEIRS]));
      const theirs = new FakeRegistration();
      theirs.active = new FakeWorker(THEIRS);
      s.container.registrations.push(theirs);
      await expect(s.bridge.ready).rejects.toMatchObject({ name: 'BearerWorkerError', code: 'scope-conflict' });
      expect(s.register).not.toHaveBeenCalled();
    });

    it('a script met for the first time is replaced (moving to this worker) and remembered', async () => {
      const s = setup({}, { controlled: true });
      const theirs = new FakeRegistration();
      theirs.active = new FakeWorker(THEIRS);
      s.container.registrations.push(theirs);
      await s.bridge.ready;
      expect(s.register).toHaveBeenCalledOnce();
      expect(s.memory.getItem('bearer-worker:rivals:https://app.example/')).toBe(JSON.stringify([THEIRS]));
    });
  });
});
