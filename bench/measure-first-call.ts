// The first API call after a page load: every worker stopped (the user opens the app, or comes back to
// it), the page loads, the app boots for `bootMs`, then calls the API; timed from the call to the
// parsed response. Then the same page is loaded again with its worker still running. Token-endpoint
// calls are counted per page load (at most one).
import type { BenchTab } from './bench-tab.js';
import type { LoggedRequest } from './start-bench-stack.js';
import { summarize, type Summary } from './summarize.js';

export type FirstCallContender = 'floor' | 'passthrough' | 'inject' | 'api-passthrough' | 'bearer';

interface FirstCallSamples {
  /** One per repetition, worker stopped before the load (ms). */
  cold: number[];
  /** One per repetition, worker left running (ms). */
  warm: number[];
  /** Token-endpoint calls of each cold load, then of each warm load. */
  tokensCold: number[];
  tokensWarm: number[];
  /** Every load that made more than one token fetch: what both servers took meanwhile, timed from the load's start. */
  extraTokens?: ExtraTokenLoad[];
}

interface ExtraTokenLoad {
  kind: 'cold' | 'warm';
  /** Its index in `cold` or `warm`. */
  index: number;
  requests: Array<Omit<LoggedRequest, 'at'> & { afterLoadStartMs: number }>;
}

export interface FirstCallResult {
  reps: number;
  bootMs: number;
  byContender: Record<
    string,
    FirstCallSamples & { coldSummary: Summary; warmSummary: Summary; maxTokensPerLoad: number; failed: number }
  >;
}

export interface FirstCallDeps {
  appOrigin: string;
  /** Stops every service worker and resolves once they are stopped. */
  stopAll(): Promise<void>;
  /** Token-endpoint calls so far made by this contender's pages and worker. */
  tokenCalls(c: FirstCallContender): number;
  /** Records the requests the servers take until the returned function is called (start-bench-stack.ts). */
  recordRequests?(): () => LoggedRequest[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Every load gets its own URL. */
let n = 0;

/**
 * `reps` repetitions for every contender in `tabs`. With `more`, the repetitions go on from that result:
 * cold loads only (the judged part), appended to its series, so repetition i of each contender stays a pair.
 */
export async function measureFirstCall(
  tabs: Partial<Record<FirstCallContender, BenchTab>>,
  deps: FirstCallDeps,
  reps: number,
  bootMs = 50,
  more?: FirstCallResult,
): Promise<FirstCallResult> {
  const names = Object.keys(tabs) as FirstCallContender[];
  const raw = Object.fromEntries(
    names.map((c) => {
      const {
        cold = [],
        warm = [],
        tokensCold = [],
        tokensWarm = [],
        failed = 0,
        extraTokens,
      } = more?.byContender[c] ?? {};
      return [c, { cold, warm, tokensCold, tokensWarm, failed, extraTokens } as FirstCallSamples & { failed: number }];
    }),
  );
  const load = async (c: FirstCallContender, kind: 'cold' | 'warm') => {
    const tab = tabs[c]!;
    const before = deps.tokenCalls(c);
    const recorded = deps.recordRequests?.();
    const startedAt = Date.now();
    await tab.goto(`${deps.appOrigin}/bench/${c}/?first=${bootMs}&load=${++n}`);
    const first = await tab.evaluate(() => window.bench.firstCall());
    await tab.evaluate(() => window.bench.ready());
    await sleep(100); // a token fetch the load started late still counts for this load
    if (!first?.ok) raw[c]!.failed++;
    const tokens = deps.tokenCalls(c) - before;
    const requests = recorded?.();
    if (tokens > 1 && requests) {
      const timed = requests.map(({ at, ...r }) => ({ ...r, afterLoadStartMs: at - startedAt }));
      (raw[c]!.extraTokens ??= []).push({ kind, index: raw[c]![kind].length, requests: timed });
    }
    return { ms: first?.ms ?? NaN, tokens };
  };
  // One stop per repetition: each contender's worker stays stopped until its own page loads (the workers
  // are separate), so every cold load below finds its worker stopped; then the warm loads, same order.
  for (let r = 0; r < reps; r++) {
    const round = r % 2 ? [...names].reverse() : names;
    await deps.stopAll();
    for (const c of round) {
      const cold = await load(c, 'cold');
      raw[c]!.cold.push(cold.ms);
      raw[c]!.tokensCold.push(cold.tokens);
    }
    if (more) continue;
    for (const c of round) {
      const warm = await load(c, 'warm');
      raw[c]!.warm.push(warm.ms);
      raw[c]!.tokensWarm.push(warm.tokens);
    }
  }
  return {
    reps: (more?.reps ?? 0) + reps,
    bootMs,
    byContender: Object.fromEntries([
      ...Object.entries(more?.byContender ?? {}),
      ...names.map((c) => {
        const x = raw[c]!;
        return [
          c,
          {
            ...x,
            coldSummary: summarize(x.cold),
            warmSummary: summarize(x.warm),
            maxTokensPerLoad: Math.max(...x.tokensCold, ...x.tokensWarm),
          },
        ];
      }),
    ]),
  };
}
