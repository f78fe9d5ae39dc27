import { describe, expect, it } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { toApiError } from './to-api-error.js';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
/** A response the worker makes up itself, as sw/worker-error-response.ts makes it. */
const workerErrorResponse = (status: number, code: string, detail = 'Token endpoint failed; session kept.') =>
  new Response(JSON.stringify({ detail, code }), {
    status,
    headers: { 'content-type': 'application/json', [WORKER_ERROR_HEADER]: code },
  });
const problem = (status: number, body: unknown) => json(status, body, 'application/problem+json');

describe('toApiError', () => {
  it.each([
    [400, { detail: 'bad filter' }, { code: 'bad-request', error: 'Invalid request', message: 'bad filter' }],
    [401, { detail: 'expired' }, { code: 'unauthorized', error: 'Unauthorized', message: 'Please sign in' }],
    [403, { detail: 'nope' }, { code: 'forbidden', error: 'Forbidden', message: 'Access denied' }],
    [404, { detail: 'Task not found' }, { code: 'not-found', error: 'Not found', message: 'Task not found' }],
    [
      422,
      { detail: 'title is required' },
      { code: 'validation', error: 'Validation error', message: 'title is required' },
    ],
    [500, { detail: 'stack trace' }, { code: 'server', error: 'Server error', message: 'Please try again later' }],
    [418, { detail: 'teapot' }, { code: 'http', error: 'Error', message: 'teapot' }],
  ])('maps %i like the seed', async (status, body, expected) => {
    expect(await toApiError(json(status, body))).toEqual({ status, fieldErrors: {}, ...expected });
  });

  it('treats every 5xx as a server error and never shows its text', async () => {
    for (const status of [502, 503, 504]) {
      expect(await toApiError(json(status, { detail: 'upstream db-7 refused' }))).toEqual({
        status,
        code: 'server',
        error: 'Server error',
        message: 'Please try again later',
        fieldErrors: {},
      });
    }
  });

  describe('FastAPI', () => {
    it("keeps a 422's field errors by field, from loc without body/query/path", async () => {
      const error = await toApiError(
        json(422, {
          detail: [
            { loc: ['body', 'title'], msg: 'Field required', type: 'missing' },
            { loc: ['body', 'title'], msg: 'String should have at most 200 characters', type: 'string_too_long' },
            { loc: ['query', 'limit'], msg: 'Input should be greater than 0', type: 'greater_than' },
            { loc: ['path', 'task_id'], msg: 'Input should be a valid integer', type: 'int_parsing' },
            { loc: ['body', 'items', 0, 'name'], msg: 'Field required', type: 'missing' },
          ],
        }),
      );
      expect(error).toMatchObject({ status: 422, code: 'validation', error: 'Validation error' });
      expect(error.fieldErrors).toEqual({
        title: ['Field required', 'String should have at most 200 characters'],
        limit: ['Input should be greater than 0'],
        task_id: ['Input should be a valid integer'],
        'items.0.name': ['Field required'],
      });
      expect(error.message).toBe(
        'title: Field required; title: String should have at most 200 characters; limit: Input should be greater ' +
          'than 0; task_id: Input should be a valid integer; items.0.name: Field required',
      );
    });

    it('keeps an error about the body as a whole in the message, not under a field', async () => {
      const error = await toApiError(
        json(422, { detail: [{ loc: ['body', 12], msg: 'JSON decode error', type: 'json_invalid' }] }),
      );
      expect(error).toMatchObject({ message: 'JSON decode error', fieldErrors: {} });
    });

    it('reads an object detail with a message', async () => {
      const error = await toApiError(json(409, { detail: { code: 'duplicate', message: 'Already there' } }));
      expect(error).toMatchObject({ status: 409, code: 'http', message: 'Already there' });
    });
  });

  it('keeps any field name, __proto__ included, and blank ones under no field', async () => {
    const res = new Response('{"errors":{"__proto__":["odd but allowed"]," ":["about the whole form"]}}', {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
    const error = await toApiError(res);
    expect(Object.entries(error.fieldErrors)).toEqual([['__proto__', ['odd but allowed']]]);
    expect(error.message).toBe('about the whole form; __proto__: odd but allowed');
  });

  describe('RFC 9457 problem details', () => {
    it('shows detail, falling back on title', async () => {
      const body = { type: 'https://example.com/out-of-credit', title: 'Out of credit', status: 400 };
      expect(await toApiError(problem(400, { ...body, detail: 'Your balance is 30, the cost 50' }))).toMatchObject({
        code: 'bad-request',
        message: 'Your balance is 30, the cost 50',
      });
      expect(await toApiError(problem(404, { ...body, status: 404 }))).toMatchObject({
        code: 'not-found',
        message: 'Out of credit',
      });
    });

    it("keeps errors (RFC 9457's pointers) and invalid-params (RFC 7807) by field", async () => {
      const error = await toApiError(
        problem(422, {
          type: 'about:blank',
          title: 'Your request is not valid.',
          errors: [
            { detail: 'must be a positive integer', pointer: '#/age' },
            { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
          ],
          'invalid-params': [{ name: 'name', reason: 'must not be empty' }],
        }),
      );
      expect(error.fieldErrors).toEqual({
        age: ['must be a positive integer'],
        'profile.color': ["must be 'green', 'red' or 'blue'"],
        name: ['must not be empty'],
      });
      expect(error).toMatchObject({ code: 'validation', message: expect.stringContaining('age: must be a positive') });
    });

    it('keeps a map of field to messages (ASP.NET ValidationProblemDetails)', async () => {
      const error = await toApiError(
        problem(400, {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { Title: ['The Title field is required.'], Due: ['Not a date.', 'In the past.'] },
        }),
      );
      expect(error.fieldErrors).toEqual({
        Title: ['The Title field is required.'],
        Due: ['Not a date.', 'In the past.'],
      });
      expect(error.message).toBe('Title: The Title field is required.; Due: Not a date.; Due: In the past.');
    });
  });

  it('keeps JSON:API errors by their source pointer', async () => {
    const error = await toApiError(
      json(422, {
        errors: [{ status: '422', detail: "can't be blank", source: { pointer: '/data/attributes/title' } }],
      }),
    );
    expect(error).toMatchObject({
      message: "data.attributes.title: can't be blank",
      fieldErrors: { 'data.attributes.title': ["can't be blank"] },
    });
  });

  describe('{ message } and { error } bodies', () => {
    it.each([
      [{ message: 'Title taken' }, 'Title taken'],
      [{ statusCode: 400, message: 'Title taken', error: 'Bad Request' }, 'Title taken'],
      [{ error: 'Title taken' }, 'Title taken'],
      [{ error: { code: 'E42', message: 'Title taken' } }, 'Title taken'],
      [{ error: 'invalid_request', error_description: 'Title taken' }, 'Title taken'],
    ])('reads %j', async (body, message) => {
      expect(await toApiError(json(400, body))).toMatchObject({ code: 'bad-request', message });
    });

    it("keeps NestJS's list of validation messages", async () => {
      const error = await toApiError(
        json(400, { statusCode: 400, message: ['title should not be empty'], error: 'Bad Request' }),
      );
      expect(error).toMatchObject({ message: 'title should not be empty', fieldErrors: {} });
    });
  });

  describe('bodies with nothing to show', () => {
    it.each([
      ['empty', new Response(null, { status: 404 })],
      [
        'HTML',
        new Response('<html><body>Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } }),
      ],
      ['HTML without a type', new Response('<!doctype html><h1>404</h1>', { status: 404 })],
      ['plain text', new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } })],
      [
        'broken JSON',
        new Response('{"detail": "Task', { status: 404, headers: { 'content-type': 'application/json' } }),
      ],
      ['markup inside JSON', json(404, { detail: '<script>alert(1)</script>' })],
      ['JSON that is not an object', json(404, ['Task not found'])],
    ])('%s', async (_, res) => {
      expect(await toApiError(res)).toEqual({
        status: 404,
        code: 'not-found',
        error: 'Not found',
        message: 'An error occurred',
        fieldErrors: {},
      });
    });

    it('reads JSON sent without a content type, and caps long text', async () => {
      const res = new Response(JSON.stringify({ detail: 'x'.repeat(2000) }), { status: 400 });
      const { message } = await toApiError(res);
      expect(message).toHaveLength(500);
      expect(message.startsWith('xxx')).toBe(true);
    });

    it('a body the caller is reading', async () => {
      const res = json(422, { detail: 'x' });
      const reader = res.body!.getReader();
      expect(await toApiError(res)).toMatchObject({ status: 422, code: 'validation', message: 'An error occurred' });
      await reader.cancel();
    });

    it('a body that fails half-way', async () => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"detail": "Task'));
          c.error(new Error('connection reset'));
        },
      });
      expect(await toApiError(new Response(body, { status: 404 }))).toMatchObject({
        code: 'not-found',
        message: 'An error occurred',
      });
    });

    it('a body already read', async () => {
      const res = json(400, { detail: 'bad filter' });
      await res.text();
      expect(await toApiError(res)).toMatchObject({ code: 'bad-request', message: 'An error occurred' });
    });
  });

  it('leaves the response body readable for the caller', async () => {
    const res = json(422, { detail: 'x' });
    await toApiError(res);
    expect(await res.json()).toEqual({ detail: 'x' });
  });

  describe("the worker's own answers", () => {
    it('token-unavailable (503): the auth server failed, the session is kept', async () => {
      const res = workerErrorResponse(503, 'token-unavailable', 'timeout');
      expect(await toApiError(res)).toEqual({
        status: 503,
        code: 'token-unavailable',
        error: 'Sign-in service unavailable',
        message: 'Could not reach the sign-in service. Please try again.',
        fieldErrors: {},
      });
    });

    it('token-rejected (401): the API refused a fresh token, which is not a lost session', async () => {
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

    it('session-expired (401): the session is gone, sign in again', async () => {
      const res = new Response('{"detail":"Session ended","code":"session-expired"}', {
        status: 401,
        headers: { [WORKER_ERROR_HEADER]: 'session-expired', 'content-type': 'application/json' },
      });
      expect(await toApiError(res)).toEqual({
        status: 401,
        code: 'session-expired',
        error: 'Session expired',
        message: 'Please sign in',
        fieldErrors: {},
      });
    });

    it('token-endpoint-blocked (403) and codes it does not know map by status', async () => {
      expect(await toApiError(workerErrorResponse(403, 'token-endpoint-blocked'))).toMatchObject({
        code: 'forbidden',
        message: 'Access denied',
      });
      const res = new Response('{}', { status: 401, headers: { [WORKER_ERROR_HEADER]: 'from-the-future' } });
      expect(await toApiError(res)).toMatchObject({ code: 'unauthorized', message: 'Please sign in' });
    });
  });

  describe('what fetch threw', () => {
    it('a TypeError is a network failure', async () => {
      expect(await toApiError(new TypeError('Failed to fetch'))).toEqual({
        status: null,
        code: 'network',
        error: 'Network error',
        message: 'No response from server',
        fieldErrors: {},
      });
    });

    it('real ones: a refused connection, an abort, a timeout', async () => {
      const refused = await fetch('http://127.0.0.1:9/').catch((e: unknown) => e);
      expect(await toApiError(refused)).toMatchObject({ code: 'network', message: 'No response from server' });
      const aborted = await fetch('http://127.0.0.1:9/', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
      expect(await toApiError(aborted)).toMatchObject({ code: 'aborted', message: 'The request was cancelled' });
      const timeout = AbortSignal.timeout(1);
      await new Promise((fired) => timeout.addEventListener('abort', fired));
      const timedOut = await fetch('http://127.0.0.1:9/', { signal: timeout }).catch((e: unknown) => e);
      expect(await toApiError(timedOut)).toMatchObject({ code: 'timeout', error: 'Timeout' });
    });

    it("an error carrying a response (ky's HTTPError) maps that response", async () => {
      const httpError = Object.assign(new Error('Request failed with status code 404'), {
        name: 'HTTPError',
        response: json(404, { detail: 'Task not found' }),
      });
      expect(await toApiError(httpError)).toMatchObject({ status: 404, code: 'not-found', message: 'Task not found' });
    });

    it('a Response.error() is a network failure; anything else is unknown', async () => {
      expect(await toApiError(Response.error())).toMatchObject({ status: null, code: 'network' });
      expect(await toApiError('weird')).toMatchObject({ code: 'unknown', error: 'Unknown error' });
      expect(await toApiError(null)).toMatchObject({ code: 'unknown' });
    });
  });
});
