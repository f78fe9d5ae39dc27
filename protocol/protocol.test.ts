import { describe, expect, it } from 'vitest';
import { envelope, parseNotification, parseReply, parseRequest, PROTOCOL_VERSION, REQUEST_TYPES } from './protocol.js';

describe('parseRequest', () => {
  it('accepts our requests', () => {
    expect(parseRequest({ ...envelope('1'), type: 'status' }, REQUEST_TYPES)).toEqual({
      ok: true,
      message: { ...envelope('1'), type: 'status' },
    });
  });

  it.each([
    ['null', null],
    ['a string', 'status'],
    ['another protocol', { protocol: 'msw', version: 1, id: '1', type: 'status' }],
    ['an unknown type', { ...envelope('1'), type: 'set-token' }],
    ['a prototype key as type', { ...envelope('1'), type: '__proto__' }],
    ['no id', { protocol: 'bearer-worker', version: 1, type: 'status' }],
    ['a huge id', { ...envelope('x'.repeat(65)), type: 'status' }],
  ])('drops %s', (_, data) => {
    expect(parseRequest(data, REQUEST_TYPES)).toEqual({ ok: false, code: 'invalid-message' });
  });

  it('tells another version apart from junk', () => {
    expect(parseRequest({ ...envelope('1'), version: PROTOCOL_VERSION + 1, type: 'status' }, REQUEST_TYPES)).toEqual({
      ok: false,
      code: 'version-mismatch',
    });
  });

  it('copies only known fields, so extra payload never reaches a handler', () => {
    const r = parseRequest(
      {
        ...envelope('1'),
        type: 'forget-token',
        payload: { token: 'x' },
        apiOrigins: ['http://evil'],
      },
      REQUEST_TYPES,
    );
    expect(r.ok && Object.keys(r.message).sort()).toEqual(['id', 'protocol', 'type', 'version']);
  });
});

describe('parseNotification', () => {
  it('accepts signed-out with a known reason only', () => {
    expect(parseNotification({ ...envelope('n'), type: 'signed-out', payload: { reason: 'session-expired' } }).ok).toBe(
      true,
    );
    expect(parseNotification({ ...envelope('n'), type: 'signed-out', payload: { reason: 'whatever' } }).ok).toBe(false);
    expect(parseNotification({ ...envelope('n'), type: 'signed-out' }).ok).toBe(false);
  });

  it('accepts queue-changed with a known state, copying only its known fields', () => {
    const payload = { id: 'w1', state: 'failed', status: 422, extra: 'dropped' };
    expect(parseNotification({ ...envelope('n'), type: 'queue-changed', payload })).toEqual({
      ok: true,
      message: { ...envelope('n'), type: 'queue-changed', payload: { id: 'w1', state: 'failed', status: 422 } },
    });
    for (const bad of [{ id: 'w1', state: 'sent' }, { state: 'queued' }, { id: 1, state: 'queued' }, null]) {
      expect(parseNotification({ ...envelope('n'), type: 'queue-changed', payload: bad }).ok).toBe(false);
    }
  });
});

describe('parseReply', () => {
  it('matches the request id and checks error shape', () => {
    expect(parseReply({ ...envelope('a'), type: 'reply', ok: true, value: null }, 'a').ok).toBe(true);
    expect(parseReply({ ...envelope('b'), type: 'reply', ok: true, value: null }, 'a').ok).toBe(false);
    expect(parseReply({ ...envelope('a'), type: 'reply', ok: false, error: { code: 'x', message: 'y' } }, 'a').ok).toBe(
      true,
    );
    expect(parseReply({ ...envelope('a'), type: 'reply', ok: false }, 'a').ok).toBe(false);
  });
});
