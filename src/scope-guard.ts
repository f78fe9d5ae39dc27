import { BearerWorkerError } from '../protocol/bearer-worker-error.js';

interface ScopeGuardEnv {
  container: Pick<ServiceWorkerContainer, 'getRegistration'>;
  /** Whether `sw` runs our script. */
  isOurs(sw: unknown): boolean;
  /** The scope, absolute (as ServiceWorkerRegistration.scope spells it). */
  scope: string;
  /** The tab's sessionStorage; undefined, or throwing, where the page may not use it. */
  memory(): Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/** The error both checks report: two scripts in one scope replace each other on every load. */
export const scopeConflict = (scriptURL: string, scope: string) =>
  new BearerWorkerError('scope-conflict', `${scriptURL} is registered for ${scope} too (docs/existing-pwa-worker.md)`);

/**
 * Keeps the bridge from fighting another script over its scope, the registration war that ends in reload
 * loops (vite-plugin-pwa's registerSW registering `/sw.js` while the bridge registers its own script).
 *
 * Replacing another script once is allowed: that is how an app moves to this worker. What is refused is
 * replacing it again after it came back in the same tab (`check`), and a script that starts installing into
 * the scope after ours (`watch`): the bridge reports `scope-conflict` and registers nothing more. The tab
 * remembers the scripts it met in its sessionStorage.
 */
export function scopeGuard(env: ScopeGuardEnv) {
  const key = 'bearer-worker:rivals:' + env.scope;
  const rivals = (): unknown[] => {
    try {
      const list: unknown = JSON.parse(env.memory()?.getItem(key) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return []; // no storage here, or junk in it: then the in-page watch is all the guard has
    }
  };
  const remember = (scriptURL: string) => {
    const list = rivals();
    try {
      if (!list.includes(scriptURL)) env.memory()?.setItem(key, JSON.stringify([...list, scriptURL]));
    } catch {
      // storage full or refused: the in-page watch still reports a conflict
    }
  };
  return {
    /** Before registering: rejects with scope-conflict if the scope holds a script this tab met there before. */
    async check(): Promise<void> {
      const reg = await env.container.getRegistration(env.scope).catch(() => undefined);
      const sw = reg?.scope === env.scope ? (reg.installing ?? reg.waiting ?? reg.active) : null;
      if (!sw || env.isOurs(sw)) return;
      if (rivals().includes(sw.scriptURL)) throw scopeConflict(sw.scriptURL, env.scope);
      remember(sw.scriptURL);
    },
    /** After registering: calls `onConflict` once when another script starts installing into the scope. */
    watch(reg: ServiceWorkerRegistration, onConflict: (scriptURL: string) => void): void {
      let told = false;
      reg.addEventListener('updatefound', () => {
        const sw = reg.installing;
        if (told || !sw || env.isOurs(sw)) return;
        told = true;
        remember(sw.scriptURL);
        onConflict(sw.scriptURL);
      });
    },
  };
}
