import { expect, test } from 'vitest';
import type { BenchTab } from './bench-tab.js';
import { measureFirstCall } from './measure-first-call.js';
import type { LoggedRequest } from './start-bench-stack.js';

const tokenFetch = (at: number): LoggedRequest => ({
  server: 'app',
  at,
  method: 'GET',
  path: '/api/auth/token',
  referer: '/bench/bearer/sw.js',
  token: '',
  status: 200,
});

/** A bench page whose loads each make the token fetches `perLoad` says, recorded as the bench's servers do. */
function fakeTab(perLoad: number[], log: LoggedRequest[]): BenchTab {
  let loads = 0;
  return {
    goto: async () => {
      const n = perLoad[loads++] ?? 1;
      for (let i = 0; i < n; i++) log.push(tokenFetch(Date.now()));
    },
    evaluate: (async () => ({ ok: true, ms: 5 })) as BenchTab['evaluate'],
    close: async () => {},
  };
}

const withoutAt = ({ at: _at, ...r }: LoggedRequest) => r;

test('a load that made two token fetches is kept with what the servers took meanwhile; loads with one are not', async () => {
  const log: LoggedRequest[] = [];
  // Repetition 0: cold 1, warm 1; repetition 1: cold 2, warm 1.
  const tab = fakeTab([1, 1, 2, 1], log);
  const deps = {
    appOrigin: 'http://app.test',
    stopAll: async () => {},
    tokenCalls: () => log.filter((r) => r.path === '/api/auth/token').length,
    recordRequests: () => {
      const from = log.length;
      return () => log.slice(from);
    },
  };
  const result = await measureFirstCall({ bearer: tab }, deps, 2, 0);
  const bearer = result.byContender.bearer!;
  expect(bearer.tokensCold).toEqual([1, 2]);
  expect(bearer.maxTokensPerLoad).toBe(2);
  expect(bearer.extraTokens).toEqual([
    {
      kind: 'cold',
      index: 1,
      requests: [
        { ...withoutAt(tokenFetch(0)), afterLoadStartMs: expect.any(Number) },
        { ...withoutAt(tokenFetch(0)), afterLoadStartMs: expect.any(Number) },
      ],
    },
  ]);
});
