import { describe, expect, test } from 'vitest';
import { timelineMarks, type ApiCall } from './timeline-marks.js';

const call = (at: number, status: number, bearer = true, method = 'POST', path = '/api/v1/u/tasks'): ApiCall => ({
  at,
  method,
  path,
  bearer,
  status,
});

describe('timelineMarks', () => {
  test("a 401 then the worker's retry: the refused call is a 401, the next one of the same request the retry", () => {
    const marks = timelineMarks(
      [
        { at: 1000, type: 'authorized', detail: 'POST /api/v1/u/tasks' },
        { at: 1010, type: 'token-refreshed', detail: '900 s' },
        { at: 1012, type: 'retried', detail: 'POST /api/v1/u/tasks' },
      ],
      [call(1005, 401), call(1008, 200, true, 'GET'), call(1015, 201)],
      0,
    );
    expect(marks.map((m) => (m.kind === 'call' ? [m.kind, m.status, m.token, m.retried] : [m.kind]))).toEqual([
      ['call', 401, true, false],
      ['call', 200, true, false],
      ['token'],
      ['call', 201, true, true],
    ]);
  });

  test('a retry event pairs with one call only, and not with a call long after it', () => {
    const marks = timelineMarks(
      [{ at: 1000, type: 'retried', detail: 'GET /api/x' }],
      [
        call(1001, 200, true, 'GET', '/api/x'),
        call(1002, 200, true, 'GET', '/api/x'),
        call(9000, 200, true, 'GET', '/api/x'),
      ],
      0,
    );
    expect(marks.map((m) => m.kind === 'call' && m.retried)).toEqual([true, false, false]);
  });

  test('token fetches, refreshes and sign-outs get their own marks; per-request events are drawn from the API log', () => {
    const marks = timelineMarks(
      [
        { at: 1, type: 'token-minted', detail: '900 s' },
        { at: 2, type: 'authorized', detail: 'GET /api/x' },
        { at: 3, type: 'token-refreshed', detail: '900 s' },
        { at: 4, type: 'signed-out', detail: 'session-expired' },
        { at: 5, type: 'passed-through', detail: 'GET /api/x: signed out' },
        { at: 6, type: 'something-new' },
      ],
      [call(5, 401, false, 'GET', '/api/x')],
      0,
    );
    expect(marks.map((m) => [m.kind, m.kind === 'token' ? m.refresh : m.kind === 'call' ? m.token : null])).toEqual([
      ['token', false],
      ['token', true],
      ['sign-out', null],
      ['call', false],
      ['other', null],
    ]);
    expect(marks.find((m) => m.kind === 'other')?.label).toBe('something-new');
  });

  test('marks before the window start are left out', () => {
    const marks = timelineMarks([{ at: 10, type: 'token-minted' }], [call(5, 200), call(20, 200)], 15);
    expect(marks.map((m) => m.at)).toEqual([20]);
  });
});
