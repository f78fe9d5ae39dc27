import { expect, test } from 'vitest';
import type { BenchTab } from './bench-tab.js';
import { measureFirstCall } from './measure-first-call.js';
import type { TokenCall } from './start-bench-stack.js';

/** A bench page whose loads each make the token fetches `perLoad` says, logged as the bench's server does. */
function fakeTab(perLoad: number[], log: TokenCall[]): BenchTab {
  let loads = 0;
  return {
    goto: async () => {
      const n = perLoad[loads++] ?? 1;
      for (let i = 0; i < n; i++)
        log.push({ who: 'bearer', at: Date.now(), referer: '/bench/bearer/sw.js', status: 200 });
    },
    evaluate: (async () => ({ ok: true, ms: 5 })) as BenchTab['evaluate'],
    close: async () => {},
  };
}

test('a load that made two token fetches is kept with both calls; loads with one are not', async () => {
  const log: TokenCall[] = [];
  // Repetition 0: cold 1, warm 1; repetition 1: cold 2, warm 1.
  const tab = fakeTab([1, 1, 2, 1], log);
  const deps = {
    appOrigin: 'http://app.test',
    stopAll: async () => {},
    tokenCalls: () => log.length,
    tokenLog: () => log.map((c) => ({ ...c })),
  };
  const result = await measureFirstCall({ bearer: tab }, deps, 2, 0);
  const bearer = result.byContender.bearer!;
  expect(bearer.tokensCold).toEqual([1, 2]);
  expect(bearer.maxTokensPerLoad).toBe(2);
  expect(bearer.extraTokens).toEqual([
    {
      kind: 'cold',
      index: 1,
      calls: [
        { referer: '/bench/bearer/sw.js', status: 200, afterLoadStartMs: expect.any(Number) },
        { referer: '/bench/bearer/sw.js', status: 200, afterLoadStartMs: expect.any(Number) },
      ],
    },
  ]);
});
