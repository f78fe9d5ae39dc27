import { describe, expect, it } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { toApiError } from './to-api-error.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('toApiError', () => {
  it.each([
    [400, { detail: 'bad filter' }, { code: 'bad-request', error: 'Invalid request', message: 'bad filter' }],
    [401, { detail: 'expired' }, { code: 'unauthorized', error: 'Unauthorized', message: 'Please sign in' }],
    [403, { detail: 'nope' }, { code: 'forbidden', error: 'Forbidden', message: 'Access denied' }],
    [404, { detail: 'Task not found' }, { code: 'not-found', error: 'Not found', message: 'Task not found' }],
    [
      422,
      { detail: [{ msg: 'title is required' }, { msg: 'title too long' }] },
      { code: 'validation', error: 'Validation error', message: 'title is required; title too long' },
    ],
    [500, { detail: 'stack trace' }, { code: 'server', error: 'Server error', message: 'Please try again later' }],
    [418, { detail: 'teapot' }, { code: 'http', error: 'Error', message: 'teapot' }],
  ])('maps %i like the seed', async (status, body, expected) => {
    expect(await toApiError(json(status, body))).toEqual({ status, ...expected });
  });

  it('falls back when the body is not FastAPI JSON', async () => {
    expect(await toApiError(new Response('<html>', { status: 404 }))).toEqual({
      status: 404,
      code: 'not-found',
      error: 'Not found',
      message: 'An error occurred',
    });
  });

  it('leaves the response body readable for the caller', async () => {
    const res = json(422, { detail: 'x' });
    await toApiError(res);
    expect(await res.json()).toEqual({ detail: 'x' });
  });

  it('tells a worker-made token-unavailable answer apart from the API', async () => {
    const res = new Response('{}', { status: 503, headers: { [WORKER_ERROR_HEADER]: 'token-unavailable' } });
    expect(await toApiError(res)).toMatchObject({ status: 503, code: 'token-unavailable' });
  });

  it('tells an API that refused a fresh token apart from a lost session', async () => {
    const res = new Response('{"detail":"Invalid token"}', {
      status: 401,
      headers: { [WORKER_ERROR_HEADER]: 'token-rejected', 'content-type': 'application/json' },
    });
    const error = await toApiError(res);
    expect(error).toMatchObject({ status: 401, code: 'token-rejected', error: 'Not accepted by the server' });
    expect(error.message).toMatch(/still signed in/);
    // Without the worker's header, a 401 is the API's own.
    expect(await toApiError(new Response('{}', { status: 401 }))).toMatchObject({ code: 'unauthorized' });
  });

  it('maps what fetch throws', async () => {
    expect(await toApiError(new TypeError('Failed to fetch'))).toEqual({
      status: null,
      code: 'network',
      error: 'Network error',
      message: 'No response from server',
    });
    expect(await toApiError(new DOMException('stop', 'AbortError'))).toMatchObject({ code: 'aborted' });
    expect(await toApiError('weird')).toMatchObject({ code: 'unknown', error: 'Unknown error' });
  });
});
