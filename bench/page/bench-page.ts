// The one script every bench page loads (bundled at bench time). The page's path names the contender;
// every contender answers the same `get()` — one GET of the task list, body parsed — so the loops below
// time them all alike, in the page, with performance.now().
//
// Like an app, a page that finds its config (written once by `configure`, kept in localStorage) starts
// at load: bearer-worker's page registers through the real bridge right away, and with `?first=<ms>` the
// page makes its first API call after that much "app boot", without waiting for anything else.
import { registerBearerWorker } from '../../src/index.js';
import { createSeedClient } from '../baselines/create-seed-client.js';
import { order } from '../balanced-order.js';
import type { Contender } from '../contenders.js';
import { summarize, type Summary } from '../summarize.js';

export interface BenchConfig {
  apiOrigin: string;
  userId: string;
  /** A token minted once for the contenders that hold one in the page (floor, passthrough). */
  token: string;
}

export interface FirstCall {
  /** From the call to the parsed response (ms). */
  ms: number;
  /** When the call was made, from the start of the navigation (ms). */
  at: number;
  ok: boolean;
}

/**
 * A burst on the per-call clock as well (each call timed from its own fetch(), not judged): the later a
 * call is issued, the less of the queue it waits in, so a page that issues its calls slowly looks faster.
 */
export interface LastBurst {
  issueMs: number;
  totalMs: number;
  perCall: Summary;
}

/**
 * The contenders; a worker that declines every request (non-API requests only); the passthrough for API
 * requests only (first calls only); builds of bearer-worker to compare (bench/probes/probe-sequential.ts).
 */
export type PageName = Contender | 'decline' | 'one-rule' | 'api-passthrough' | `bearer-${number}`;

export interface BenchPage {
  contender: PageName;
  /** Keeps the config for every bench page of this origin and starts this one. */
  configure(config: BenchConfig): Promise<void>;
  /** Resolves when the page is set up (for workers: controlled). */
  ready(): Promise<void>;
  /** The `?first=<ms>` call of this page load, or null without one. */
  firstCall(): Promise<FirstCall | null>;
  sequential(n: number): Promise<number[]>;
  /** Makes the next click on the page call the API once, as an app's button does. */
  armClick(): void;
  /** That call's time, from the click event to its parsed answer (ms). */
  clicked(): Promise<number>;
  /**
   * Sequential calls through frames of the named bench pages in this page (this page itself for its own
   * name), one call each in turn, `n` turns, in a balanced order that changes every turn: the calls of every
   * contender interleave one by one, so whatever the machine does meanwhile lands on all of them alike.
   * Each page's latencies (ms), by name.
   */
  interleaved(names: PageName[], n: number): Promise<Record<string, number[]>>;
  /** Removes the frames `interleaved` added: the bench's other phases run without them, as before. */
  closeFrames(): void;
  /** One timed call, from the call to its parsed answer (ms). */
  one(): Promise<number>;
  /** `n` calls at once; each one's time from the burst's start (when the app asked for them all) to its answer. */
  concurrent(n: number): Promise<number[]>;
  /** The last burst: how long issuing its calls took, from its start to the last answer, and its per-call clock. */
  lastBurst(): LastBurst;
  /** Requests one after another, `pauseMs` apart, for `ms`. */
  flow(ms: number, pauseMs: number): Promise<number>;
  /** One timed fetch of any URL (non-API requests, the token endpoint). */
  probe(url: string): Promise<number>;
  /** Drops cached tokens (and the seed's session answer) so the next request mints one. */
  forget(): Promise<void>;
  errors(): number;
  lastFailure(): string;
  /** 200s whose body the browser delivered empty (not counted in `errors`: see readOk). */
  emptyBodies(): number;
  visible(): boolean;
}

const CONFIG_KEY = 'bearer-worker-bench';
const contender = location.pathname.split('/')[2] as PageName;
/** One API call; `query` makes its URL its own (Chromium's HTTP cache lets one request per URL out at a time). */
let get: (query?: string) => Promise<boolean> = () => Promise.reject(new Error('configure() first'));
let forget = async () => {};
let errors = 0;
let started: Promise<void> | null = null;
let lastBurst: LastBurst = { issueMs: NaN, totalMs: NaN, perCall: summarize([]) };
/** What the last failed request got: a status, or the error it threw. */
let lastFailure = '';
let emptyBodies = 0;

const readOk = async (res: Response) => {
  // Read as text first: a body that does not parse says what it was (status, bytes, declared length).
  const text = await res.text();
  // A 200 the API sent in full and the browser handed over empty: about once in 230 000 requests, on the
  // passthrough's page as on bearer-worker's, with or without a Content-Length. Counted apart: it is the
  // browser's failure, not an answer that came back faster (a 401), so it does not void the run.
  if (res.status === 200 && text === '') {
    emptyBodies++;
    return true;
  }
  try {
    JSON.parse(text);
  } catch (err) {
    const declared = res.headers.get('content-length') ?? 'none';
    lastFailure = `${String(err)}: status ${res.status}, ${text.length} characters of body, content-length ${declared}`;
    return false;
  }
  if (res.status !== 200) lastFailure = `${res.status} from ${res.url}`;
  return res.status === 200;
};

const frames = new Map<string, Promise<BenchPage>>();
/** The bench page `name`, in a frame of this page, set up (its worker controls it). */
function frame(name: PageName): Promise<BenchPage> {
  let ready = frames.get(name);
  if (!ready) {
    const el = document.createElement('iframe');
    el.src = `/bench/${name}/`;
    ready = new Promise<void>((resolve) => el.addEventListener('load', () => resolve(), { once: true })).then(
      async () => {
        const bench = (el.contentWindow as Window).bench;
        await bench.ready();
        return bench;
      },
    );
    frames.set(name, ready);
    document.body.append(el);
  }
  return ready;
}

async function controlledBy(script: string, scope: string): Promise<void> {
  const sw = navigator.serviceWorker;
  const changed = new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  await sw.register(script, { scope, updateViaCache: 'none' });
  if (!sw.controller) await changed;
}

/** Sets `get` synchronously (the first call must not wait for registration); returns what to await. */
function start({ apiOrigin, userId, token }: BenchConfig): Promise<void> {
  const url = `${apiOrigin}/api/v1/${userId}/tasks`;
  // A fixed token in the page: the floor is the cost of fetch itself, no token logic at all.
  const headers = { authorization: `Bearer ${token}` };
  switch (contender) {
    case 'floor':
      get = (query = '') => fetch(url + query, { headers }).then(readOk);
      return Promise.resolve();
    case 'passthrough':
    case 'decline':
    case 'one-rule':
      get = (query = '') => fetch(url + query, { headers }).then(readOk);
      return controlledBy(`/bench/${contender}/sw.js`, `/bench/${contender}/`);
    case 'api-passthrough':
      get = (query = '') => fetch(url + query, { headers }).then(readOk);
      return controlledBy(
        `/bench/api-passthrough/sw.js?${new URLSearchParams({ api: `${apiOrigin}/api/` })}`,
        '/bench/api-passthrough/',
      );
    case 'inject': {
      // Its worker holds the token (given in its script URL, bench only) and adds it: the page sends none.
      get = (query = '') => fetch(url + query).then(readOk);
      const q = new URLSearchParams({ api: `${apiOrigin}/api/`, token });
      return controlledBy(`/bench/inject/sw.js?${q}`, '/bench/inject/');
    }
    case 'seed':
    case 'seed-fixed': {
      const client = createSeedClient({
        baseURL: `${apiOrigin}/api`,
        expiry: contender === 'seed' ? 'response-field' : 'jwt-exp',
        onSessionLost: () => void errors++,
      });
      get = (query = '') => client.api.get(`/v1/${userId}/tasks${query}`).then((r) => r.status === 200);
      forget = async () => {
        client.tokens.clear();
        client.sessions.clear();
      };
      return Promise.resolve();
    }
    default: {
      // bearer, or bearer-<n>: another build of it, at a scope of its own (bench/probes/probe-sequential.ts).
      const handle = registerBearerWorker({
        apiOrigins: [apiOrigin],
        scriptUrl: `/bench/${contender}/sw.js`,
        scope: `/bench/${contender}/`,
        // The bench serves Better Auth there too (start-bench-stack.ts): the scope must cover it.
        authBasePath: `/bench/${contender}/auth`,
        redirect: false,
      });
      get = (query = '') => fetch(url + query).then(readOk);
      forget = () => handle.forgetToken();
      return handle.ready;
    }
  }
}

const stored = localStorage.getItem(CONFIG_KEY);
if (stored) started = start(JSON.parse(stored) as BenchConfig);

const firstDelay = Number(new URLSearchParams(location.search).get('first') ?? NaN);
const first: Promise<FirstCall | null> =
  started && Number.isFinite(firstDelay)
    ? new Promise((resolve) =>
        setTimeout(async () => {
          const at = performance.now();
          const ok = await get().catch(() => false);
          resolve({ ms: performance.now() - at, at, ok });
        }, firstDelay),
      )
    : Promise.resolve(null);

/** One call: when it was made and when its parsed answer was in (performance.now(), ms). */
async function timed(query?: string): Promise<{ start: number; end: number }> {
  const start = performance.now();
  const ok = await get(query).catch((err: unknown) => {
    lastFailure = String(err);
    return false;
  });
  const end = performance.now();
  if (!ok) errors++;
  return { start, end };
}

let clickCall: Promise<number> = Promise.reject(new Error('bench: armClick() first'));
clickCall.catch(() => {});

const page: BenchPage = {
  contender,
  async configure(config) {
    localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
    await (started ??= start(config));
  },
  async ready() {
    if (!started) throw new Error('bench: no config yet (configure() on one page first)');
    await started;
  },
  firstCall: () => first,
  async sequential(n) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const { start, end } = await timed();
      out.push(end - start);
    }
    return out;
  },
  armClick() {
    clickCall = new Promise((resolve) =>
      document.addEventListener(
        'click',
        async () => {
          const { start, end } = await timed();
          resolve(end - start);
        },
        { once: true },
      ),
    );
  },
  clicked: () => clickCall,
  async interleaved(names, n) {
    const pages = await Promise.all(names.map((c) => (c === contender ? page : frame(c))));
    const out: Record<string, number[]> = Object.fromEntries(names.map((c) => [c, []]));
    for (let i = 0; i < n; i++)
      for (const k of order(
        names.map((_, j) => j),
        i,
      ))
        out[names[k]!]!.push(await pages[k]!.one());
    return out;
  },
  closeFrames() {
    for (const el of document.querySelectorAll('iframe')) el.remove();
    frames.clear();
  },
  async one() {
    const { start, end } = await timed();
    return end - start;
  },
  // Each call of a burst has its own URL, as an app's varied calls do; every contender alike. Timed from
  // the burst's start: issuing 1000 calls takes the page 0.3–1 s, and what a page spends on issuing them
  // (a header to build, say) is time the app waits too, which a per-call clock would leave out.
  async concurrent(n) {
    const begin = performance.now();
    const calls = Array.from({ length: n }, (_, i) => timed(`?i=${i}`));
    const issued = performance.now();
    const out = await Promise.all(calls);
    lastBurst = {
      issueMs: issued - begin,
      totalMs: performance.now() - begin,
      perCall: summarize(out.map((c) => c.end - c.start)),
    };
    return out.map((c) => c.end - begin);
  },
  lastBurst: () => lastBurst,
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
  lastFailure: () => lastFailure,
  emptyBodies: () => emptyBodies,
  visible: () => document.visibilityState === 'visible',
};

(window as unknown as { bench: BenchPage }).bench = page;
