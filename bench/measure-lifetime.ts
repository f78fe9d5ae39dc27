// Auth calls per token lifetime with 1 and with N tabs: a short lifetime, requests flowing in every tab
// of every contender at once (calls are told apart by Referer), counted over whole lifetimes after a
// warm-up in which each tab gets its first session answer and token.
import type { BenchTab } from './bench-tab.js';
import type { Contender } from './contenders.js';
import type { AuthCalls, BenchStack } from './start-bench-stack.js';

export interface LifetimePlan {
  ttlSeconds: number;
  lifetimes: number;
  tabs: number[];
  warmupMs: number;
  /** Pause between two requests of one tab. */
  pauseMs: number;
}

export interface LifetimeResult {
  plan: LifetimePlan;
  /** By tab count, then contender: calls per lifetime. */
  perLifetime: Record<string, Record<string, AuthCalls>>;
  /** API requests by tab count: `window` in the counted window (all contenders), else each contender's whole flow. */
  requests: Record<string, Record<string, number>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureLifetime(
  stack: BenchStack,
  contenders: Contender[],
  openPage: (c: Contender) => Promise<BenchTab>,
  plan: LifetimePlan,
): Promise<LifetimeResult> {
  const perLifetime: LifetimeResult['perLifetime'] = {};
  const requests: LifetimeResult['requests'] = {};
  const previousTtl = stack.state.jwtTtlSeconds;
  stack.state.jwtTtlSeconds = plan.ttlSeconds;
  try {
    for (const tabs of plan.tabs) {
      const open = await Promise.all(
        contenders.map(async (c) => ({ c, pages: await Promise.all(Array.from({ length: tabs }, () => openPage(c))) })),
      );
      // Tokens minted under the old lifetime go: the next request mints a short-lived one.
      await Promise.all(open.flatMap(({ pages }) => pages.map((p) => p.evaluate(() => window.bench.forget()))));
      const windowMs = plan.ttlSeconds * 1000 * plan.lifetimes;
      const flows = open.map(({ c, pages }) =>
        Promise.all(
          pages.map((p) =>
            p.evaluate(([ms, pause]) => window.bench.flow(ms, pause), [
              plan.warmupMs + windowMs + 500,
              plan.pauseMs,
            ] as const),
          ),
        ).then((n) => ({ c, n })),
      );
      await sleep(plan.warmupMs);
      const before = stack.authCalls();
      const apiBefore = stack.state.api.requests;
      await sleep(windowMs);
      const after = stack.authCalls();
      const apiCount = stack.state.api.requests - apiBefore;
      const done = await Promise.all(flows);
      perLifetime[tabs] = {};
      requests[tabs] = { window: apiCount };
      for (const c of contenders) {
        const d = (k: keyof AuthCalls) => ((after[c]?.[k] ?? 0) - (before[c]?.[k] ?? 0)) / plan.lifetimes;
        perLifetime[tabs][c] = { token: d('token'), getSession: d('getSession') };
        requests[tabs][c] = done.find((x) => x.c === c)!.n.reduce((a, b) => a + b, 0);
      }
      await Promise.all(open.flatMap(({ pages }) => pages.map((p) => p.close())));
    }
  } finally {
    stack.state.jwtTtlSeconds = previousTtl;
  }
  return { plan, perLifetime, requests };
}
