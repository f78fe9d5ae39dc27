// The one script every bench page loads (bundled at bench time). The page's path names the contender;
// every contender answers the same `get()` — one GET of the task list, body parsed — so the loops below
// time them all alike, in the page, with performance.now().
import { registerBearerWorker } from '../../src/index.js';
import { createSeedClient } from '../baselines/create-seed-client.js';
import type { Contender } from '../contenders.js';

export interface BenchPage {
  contender: Contender;
  setup(input: { apiOrigin: string; userId: string }): Promise<void>;
  sequential(n: number): Promise<number[]>;
  concurrent(n: number): Promise<number[]>;
  /** Requests one after another, `pauseMs` apart, for `ms`. */
  flow(ms: number, pauseMs: number): Promise<number>;
  /** One timed fetch of any URL (non-API requests, the token endpoint). */
  probe(url: string): Promise<number>;
  /** Drops cached tokens (and the seed's session answer) so the next request mints one. */
  forget(): Promise<void>;
  errors(): number;
  visible(): boolean;
}

const contender = location.pathname.split('/')[2] as Contender;
let get: () => Promise<boolean> = () => Promise.reject(new Error('setup() first'));
let forget = async () => {};
let errors = 0;

const readOk = async (res: Response) => {
  await res.json();
  return res.status === 200;
};

async function mintToken(): Promise<string> {
  const res = await fetch('/api/auth/token', { cache: 'no-store' });
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function controlledBy(script: string, scope: string): Promise<void> {
  const sw = navigator.serviceWorker;
  const changed = new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  await sw.register(script, { scope, updateViaCache: 'none' });
  if (!sw.controller) await changed;
}

/** A fixed token in the page, as a floor: the cost of fetch itself, no token logic at all. */
async function withHeader(url: string): Promise<() => Promise<boolean>> {
  const headers = { authorization: `Bearer ${await mintToken()}` };
  return () => fetch(url, { headers }).then(readOk);
}

async function setup({ apiOrigin, userId }: { apiOrigin: string; userId: string }): Promise<void> {
  const url = `${apiOrigin}/api/v1/${userId}/tasks`;
  switch (contender) {
    case 'floor':
      get = await withHeader(url);
      break;
    case 'passthrough':
      await controlledBy('/bench/passthrough/sw.js', '/bench/passthrough/');
      get = await withHeader(url);
      break;
    case 'seed':
    case 'seed-fixed': {
      const onSessionLost = () => void errors++;
      const client = createSeedClient({
        baseURL: `${apiOrigin}/api`,
        expiry: contender === 'seed' ? 'response-field' : 'jwt-exp',
        onSessionLost,
      });
      get = () => client.api.get(`/v1/${userId}/tasks`).then((r) => r.status === 200);
      forget = async () => {
        client.tokens.clear();
        client.sessions.clear();
      };
      break;
    }
    case 'bearer': {
      const handle = registerBearerWorker({
        apiOrigins: [apiOrigin],
        scriptUrl: '/bench/bearer/sw.js',
        scope: '/bench/bearer/',
        redirect: false,
      });
      await handle.ready;
      get = () => fetch(url).then(readOk);
      forget = () => handle.forgetToken();
      break;
    }
  }
}

async function timed(): Promise<number> {
  const t0 = performance.now();
  const ok = await get().catch(() => false);
  const ms = performance.now() - t0;
  if (!ok) errors++;
  return ms;
}

const page: BenchPage = {
  contender,
  setup,
  async sequential(n) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await timed());
    return out;
  },
  concurrent: (n) => Promise.all(Array.from({ length: n }, () => timed())),
  async flow(ms, pauseMs) {
    const end = Date.now() + ms;
    let n = 0;
    for (; Date.now() < end; n++) {
      await timed();
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    return n;
  },
  async probe(url) {
    const t0 = performance.now();
    const res = await fetch(url, { cache: 'no-store' });
    await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) errors++;
    return ms;
  },
  forget: () => forget(),
  errors: () => errors,
  visible: () => document.visibilityState === 'visible',
};

(window as unknown as { bench: BenchPage }).bench = page;
