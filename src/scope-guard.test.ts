import { describe, expect, it, vi } from 'vitest';
import { scopeGuard } from './scope-guard.js';
import { FakeContainer, FakeRegistration, FakeWorker } from './test-support/fake-service-worker.js';

const SCOPE = 'https://app.example/';
const OURS = 'https://app.example/sw.js';
const THEIRS = 'https://app.example/pwa-sw.js';

/** sessionStorage as a Map; `broken` makes every call throw, as a sandboxed frame's does. */
function memory(broken = false) {
  const items = new Map<string, string>();
  const fail = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    items,
    getItem: (key: string) => (broken ? fail() : (items.get(key) ?? null)),
    setItem: (key: string, value: string) => void (broken ? fail() : items.set(key, value)),
  };
}

function setup({ scope = SCOPE, broken = false } = {}) {
  const container = new FakeContainer();
  const store = memory(broken);
  const guard = scopeGuard({
    container: container as unknown as ServiceWorkerContainer,
    isOurs: (sw) => (sw as FakeWorker).scriptURL === OURS,
    scope,
    memory: () => store,
  });
  /** A registration the browser already has at `at`, its newest worker running `script`. */
  const registered = (script: string, at = SCOPE) => {
    const reg = new FakeRegistration(at);
    reg.active = new FakeWorker(script);
    container.registrations.push(reg);
    return reg;
  };
  return { guard, container, store, registered };
}

/** Another script starts installing into `reg`'s scope, as `register()` from other code makes it. */
function install(reg: FakeRegistration, script: string) {
  reg.installing = new FakeWorker(script);
  reg.dispatchEvent(new Event('updatefound'));
}

describe('scopeGuard', () => {
  it('lets the bridge register where nothing, or our own script, holds the scope', async () => {
    const s = setup();
    await expect(s.guard.check()).resolves.toBeUndefined();
    s.registered(OURS);
    await expect(s.guard.check()).resolves.toBeUndefined();
    expect(s.store.items.size).toBe(0);
  });

  it('replaces another script once (an app moving to this worker), and refuses once that script came back', async () => {
    const s = setup();
    const reg = s.registered(THEIRS);
    await expect(s.guard.check()).resolves.toBeUndefined();
    // The bridge registered ours; the app's other code registered its script again, then the page reloaded.
    reg.active = new FakeWorker(THEIRS);
    await expect(s.guard.check()).rejects.toMatchObject({ name: 'BearerWorkerError', code: 'scope-conflict' });
    await expect(s.guard.check()).rejects.toThrow(/pwa-sw\.js is registered for https:\/\/app\.example\/ too/);
  });

  it('judges the newest worker: a rival waiting or installing behind ours counts', async () => {
    const s = setup();
    const reg = s.registered(OURS);
    s.store.setItem(`bearer-worker:rivals:${SCOPE}`, JSON.stringify([THEIRS]));
    reg.waiting = new FakeWorker(THEIRS);
    await expect(s.guard.check()).rejects.toMatchObject({ code: 'scope-conflict' });
  });

  it('leaves a worker of another scope alone: scopes do not fight', async () => {
    const s = setup({ scope: 'https://app.example/app/' });
    s.registered(THEIRS); // at '/', wider: it answers getRegistration('/app/') but is not ours to judge
    await s.guard.check();
    await expect(s.guard.check()).resolves.toBeUndefined();
    expect(s.store.items.size).toBe(0);
  });

  it('reports another script installing into the scope after ours, once, and remembers it for the next load', async () => {
    const s = setup();
    const reg = s.registered(OURS);
    const onConflict = vi.fn();
    s.guard.watch(reg as unknown as ServiceWorkerRegistration, onConflict);
    install(reg, OURS); // a new build of our own script: an update, not a rival
    expect(onConflict).not.toHaveBeenCalled();
    install(reg, THEIRS);
    install(reg, THEIRS);
    expect(onConflict).toHaveBeenCalledExactlyOnceWith(THEIRS);
    await expect(s.guard.check()).rejects.toMatchObject({ code: 'scope-conflict' });
  });

  it('without storage (it throws) or with junk in it: a first meeting is allowed and the watch still reports', async () => {
    const broken = setup({ broken: true });
    const reg = broken.registered(THEIRS);
    await expect(broken.guard.check()).resolves.toBeUndefined();
    const onConflict = vi.fn();
    broken.guard.watch(reg as unknown as ServiceWorkerRegistration, onConflict);
    install(reg, THEIRS);
    expect(onConflict).toHaveBeenCalledWith(THEIRS);

    const junk = setup();
    junk.registered(THEIRS);
    junk.store.setItem(`bearer-worker:rivals:${SCOPE}`, '{"not":"a list"');
    await expect(junk.guard.check()).resolves.toBeUndefined();
    junk.store.setItem(`bearer-worker:rivals:${SCOPE}`, JSON.stringify({ not: 'a list' }));
    await expect(junk.guard.check()).resolves.toBeUndefined();
    await expect(junk.guard.check()).rejects.toMatchObject({ code: 'scope-conflict' });
  });
});
