import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { toApiError, type ApiError } from './to-api-error.js';

/** What every answer must be: the status it came with, a title and a message to show, never markup. */
function expectShowable(error: ApiError, status: number | null): void {
  expect(error.status).toBe(status);
  expect(error.error).toMatch(/\S/);
  expect(error.message).toMatch(/\S/);
  expect(error.message.length).toBeLessThanOrEqual(500);
  expect(error.message).not.toMatch(/<[a-z!/?]/i);
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    expect(field).toMatch(/\S/);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/\S/);
  }
}

/** Server text, with the awkward kinds over-represented: blank, markup, very long. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('<', '>', '/', '!', 'a', 'b', ' ', '\n') }),
  fc.constantFrom('', ' ', '\n\t', '<b>bold</b>', '<script>alert(1)</script>', 'x'.repeat(600)),
);
/** Field names, with the ones an object keyed by field could trip on. */
const key = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'toString', ' ', ''));
const errorItem = fc.record(
  {
    loc: fc.array(fc.oneof(key, fc.integer(), fc.constantFrom('body', 'query', 'path'))),
    msg: fc.oneof(text, fc.anything()),
    detail: fc.oneof(text, fc.anything()),
    pointer: fc.oneof(fc.string(), fc.constantFrom('#/a', '/a/0/b', '#/', '/', '#/__proto__', '/ ')),
    name: fc.oneof(key, fc.anything()),
    reason: text,
    source: fc.anything(),
  },
  { requiredKeys: [] },
);
/** Bodies shaped like the ones toApiError reads, with any values in them, and anything at all. */
const jsonBody = fc.oneof(
  fc.record(
    {
      detail: fc.oneof(text, fc.array(errorItem), fc.record({ message: text }), fc.anything()),
      title: fc.oneof(text, fc.anything()),
      message: fc.oneof(text, fc.array(text), fc.anything()),
      error: fc.oneof(text, fc.record({ message: text }), fc.anything()),
      error_description: fc.oneof(text, fc.anything()),
      errors: fc.oneof(fc.array(errorItem), fc.dictionary(key, fc.oneof(text, fc.array(text))), fc.anything()),
      'invalid-params': fc.oneof(fc.array(errorItem), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);
const body = fc.oneof(
  jsonBody.map((v) => JSON.stringify(v) ?? ''),
  text,
  text.map((s) => `<html><body>${s}</body></html>`),
  fc.uint8Array({ maxLength: 256 }),
  fc.constant(null),
);
const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/problem+json',
    'text/html; charset=utf-8',
    'text/plain',
    'application/octet-stream',
  ),
);
const workerCode = fc.option(
  fc.oneof(
    fc.constantFrom('token-unavailable', 'token-rejected', 'session-expired', 'token-endpoint-blocked'),
    fc.string(),
  ),
);

describe('toApiError, for any answer', () => {
  it('never throws and always returns a message a user can read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        body,
        contentType,
        workerCode,
        async (status, b, type, code) => {
          const headers = new Headers();
          if (type) headers.set('content-type', type);
          if (code !== null && /^[\t\x20-\x7e]*$/.test(code)) headers.set(WORKER_ERROR_HEADER, code);
          const nullBody = status === 204 || status === 205 || status === 304;
          const res = new Response(nullBody ? null : b, { status, headers });
          expectShowable(await toApiError(res), status);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never shows the text of an HTML page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 400, max: 599 }), fc.string({ minLength: 1 }), async (status, text) => {
        const page = new Response(`<html><body><p>${text}</p></body></html>`, {
          status,
          headers: { 'content-type': 'text/html' },
        });
        const error = await toApiError(page);
        expectShowable(error, status);
        expect(error.fieldErrors).toEqual({});
        if (status !== 401 && status !== 403 && status < 500) expect(error.message).toBe('An error occurred');
      }),
    );
  });

  it('never throws on anything thrown, even a value whose properties throw', async () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.constant(hostile)), async (thrown) => {
        expectShowable(await toApiError(thrown), null);
      }),
    );
  });
});
