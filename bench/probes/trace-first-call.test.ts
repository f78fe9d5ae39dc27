import { describe, expect, it } from 'vitest';
import { workerTime } from './trace-first-call.js';

const SW = { pid: 1, tid: 7 };
const PAGE = { pid: 1, tid: 2 };
const API = 'http://localhost:8200/api/v1/u/tasks';
const at = (ts: number, name: string, extra: object = {}) => ({ ph: 'X', ts, ...SW, name, ...extra });

describe('workerTime', () => {
  const names = [
    { ph: 'M', name: 'thread_name', ...SW, args: { name: 'ServiceWorker thread' } },
    { ph: 'M', name: 'thread_name', ...PAGE, args: { name: 'CrRendererMain' } },
  ];

  it('times the API fetch event from its handler to the request leaving, with the source positions in between', () => {
    const t = workerTime([
      ...names,
      // The hint's fetch event, before: not the API call.
      at(100, 'ServiceWorkerGlobalScope::DispatchFetchEventForSubresource', { args: { url: 'http://app/hint' } }),
      at(110, 'v8.callFunction'),
      at(1000, 'ServiceWorkerGlobalScope::DispatchFetchEventForSubresource', { args: { url: API } }),
      at(1050, 'v8.callFunction'),
      at(1100, 'V8.CollectSourcePositions', { dur: 120 }),
      at(1300, 'V8.CollectSourcePositions', { dur: 30 }),
      // The page's own request for the same URL, on another thread: not the worker's.
      { ph: 'X', ts: 1200, ...PAGE, name: 'ResourceFetcher::requestResource', args: { url: API } },
      at(1450, 'ResourceFetcher::requestResource', { args: { url: API } }),
      at(2000, 'V8.CollectSourcePositions', { dur: 500 }),
    ]);
    expect(t).toEqual({ toFetch: 0.4, sourcePositions: 0.15 });
  });

  it('is null for a trace without the API call on a worker', () => {
    expect(workerTime([...names, at(10, 'v8.callFunction')])).toBeNull();
    expect(
      workerTime([at(1000, 'ServiceWorkerGlobalScope::DispatchFetchEventForSubresource', { args: { url: API } })]),
    ).toBeNull();
  });
});
