import { describe, expect, it } from 'vitest';
import recorded from './test-support/fastapi-errors.json' with { type: 'json' };
import { toApiError } from './to-api-error.js';

// Real answers of a FastAPI app (the seed's tasks API in small), recorded by
// src/test-support/record-fastapi-errors.py from Debian's python3-fastapi; run it again to regenerate
// fastapi-errors.json after a FastAPI upgrade.
const answer = (name: string) => {
  const c = recorded.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no recorded case "${name}"`);
  return new Response(c.body, { status: c.status, headers: c.contentType ? { 'content-type': c.contentType } : {} });
};

describe(`toApiError on FastAPI's own answers (${recorded.recordedWith})`, () => {
  it('maps every recorded answer to a user message', async () => {
    expect(recorded.cases.length).toBeGreaterThanOrEqual(13);
    for (const c of recorded.cases) {
      const error = await toApiError(answer(c.name));
      expect(error.status, c.name).toBe(c.status);
      expect(error.message, c.name).toMatch(/\S/);
    }
  });

  it.each([
    ['no token', { code: 'unauthorized', error: 'Unauthorized', message: 'Please sign in' }],
    ['another user', { code: 'forbidden', error: 'Forbidden', message: 'Access denied' }],
    ['unknown task', { code: 'not-found', error: 'Not found', message: 'Task not found' }],
    ['unknown route', { code: 'not-found', error: 'Not found', message: 'Not Found' }],
    ['HTTPException 400', { code: 'bad-request', error: 'Invalid request', message: "Title may not be 'bad'" }],
    ['HTTPException with an object detail', { code: 'http', error: 'Error', message: 'A task with this title exists' }],
    ['method not allowed', { code: 'http', error: 'Error', message: 'Method Not Allowed' }],
    ['unhandled exception', { code: 'server', error: 'Server error', message: 'Please try again later' }],
  ])('%s', async (name, expected) => {
    expect(await toApiError(answer(name))).toEqual({ status: expect.any(Number), fieldErrors: {}, ...expected });
  });

  it('keeps 422 field errors by field name', async () => {
    expect(await toApiError(answer('missing and too long fields'))).toEqual({
      status: 422,
      code: 'validation',
      error: 'Validation error',
      message: 'title: field required; description: ensure this value has at most 10000 characters',
      fieldErrors: { title: ['field required'], description: ['ensure this value has at most 10000 characters'] },
    });
    expect((await toApiError(answer('wrong types'))).fieldErrors).toEqual({
      completed: ['value could not be parsed to a boolean'],
    });
    expect((await toApiError(answer('bad path and body'))).fieldErrors).toEqual({
      task_id: ['value is not a valid integer'],
      title: ['field required'],
    });
    expect((await toApiError(answer('query out of range'))).fieldErrors).toEqual({
      limit: ['ensure this value is greater than or equal to 1'],
    });
  });

  it('says what was wrong with a body that did not parse, under no field', async () => {
    const error = await toApiError(answer('body that is not JSON'));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: {} });
    expect(error.message).toMatch(/^Expecting property name/);
  });
});
