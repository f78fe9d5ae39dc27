import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelope, PROTOCOL_VERSION } from '../protocol/protocol.js';
import { createMessageHandler } from './create-message-handler.js';
import { APP, fakeStack } from './test-support/fake-stack.js';

type Sent = { id?: string; ok?: boolean; value?: unknown; error?: { code: string; message: string } };

function setup(opts: { claim?: () => Promise<void>; signOutStatus?: number; takeOverAtOnce?: boolean } = {}) {
  const t = fakeStack({ signOutStatus: opts.signOutStatus });
  const skipWaiting = vi.fn(async () => {});
  const scope = {
    location: { origin: APP },
    clients: { claim: opts.claim ?? (async () => {}) },
    skipWaiting,
  } as unknown as ServiceWorkerGlobalScope;
  const handle = createMessageHandler(
    ['http://localhost:8000'],
    'build-1',
    t.provider,
    t.signOut,
    t.state,
    scope,
    opts.takeOverAtOnce ?? true,
  );
  const replies: Sent[] = [];
  const waits: Promise<unknown>[] = [];
  const send = async (
    data: unknown,
    source: Partial<WindowClient> | null = { type: 'window', url: APP + '/', id: 'page-1' },
  ) => {
    const port = { postMessage: (m: Sent) => replies.push(m) };
    handle({
      data,
      source: source && { ...source, postMessage: () => replies.push({ id: 'via-source' }) },
      ports: [port],
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
    } as unknown as ExtendableMessageEvent);
    while (waits.length) await Promise.all(waits.splice(0));
  };
  return { t, replies, send, skipWaiting };
}

const request = (type: string, id = 'r1') => ({ ...envelope(id), type });

describe('message handler', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers a well-formed request from a same-origin window exactly once, with only non-secret status', async () => {
    const m = setup();
    await m.t.call(); // a token in the worker, so a leak would have something to leak
    await m.send(request('status'));
    expect(m.replies).toHaveLength(1);
    const [reply] = m.replies;
    expect(reply).toMatchObject({
      id: 'r1',
      ok: true,
      value: { build: 'build-1', session: 'signed-in', apiOrigins: ['http://localhost:8000'] },
    });
    expect(JSON.stringify(reply)).not.toMatch(/eyJ/);
  });

  it('take-over: the default worker skips waiting again and says so; a host worker leaves it to its prompt', async () => {
    const own = setup();
    await own.send(request('take-over'));
    expect(own.replies).toEqual([expect.objectContaining({ id: 'r1', ok: true, value: true })]);
    expect(own.skipWaiting).toHaveBeenCalledTimes(1);
    const hosted = setup({ takeOverAtOnce: false });
    await hosted.send(request('take-over'));
    expect(hosted.replies).toEqual([expect.objectContaining({ id: 'r1', ok: true, value: false })]);
    expect(hosted.skipWaiting).not.toHaveBeenCalled();
  });

  it.each([
    ['a worker client', { type: 'worker', url: APP + '/', id: 'w' }],
    ['another origin', { type: 'window', url: 'http://evil.test/', id: 'e' }],
    ['no source', null],
  ])('ignores messages from %s', async (_, source) => {
    const m = setup();
    await m.send(request('status'), source as Partial<WindowClient> | null);
    expect(m.replies).toEqual([]);
  });

  it.each([
    ['a string', 'status'],
    ['another protocol', { protocol: 'x', version: PROTOCOL_VERSION, id: 'a', type: 'status' }],
    ['an unknown type', { ...envelope('a'), type: 'set-token', payload: 'eyJ' }],
    ['a long id', { ...envelope('x'.repeat(65)), type: 'status' }],
    ['no id', { protocol: 'bearer-worker', version: PROTOCOL_VERSION, type: 'status' }],
  ])('drops junk without an answer: %s', async (_, data) => {
    const m = setup();
    await m.send(data);
    expect(m.replies).toEqual([]);
  });

  it('tells another version of the protocol apart from junk', async () => {
    const m = setup();
    await m.send({ ...request('status'), version: PROTOCOL_VERSION + 1 });
    expect(m.replies).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'version-mismatch' }) }),
    ]);
  });

  it('fails each request type with its own code', async () => {
    const m = setup({ claim: async () => Promise.reject(new Error('boom')), signOutStatus: 500 });
    await m.send(request('claim', 'c'));
    await m.send(request('sign-out', 's'));
    expect(m.replies.map((r) => [r.id, r.error?.code])).toEqual([
      ['c', 'claim-failed'],
      ['s', 'sign-out-failed'],
    ]);
    expect(m.replies.every((r) => typeof r.error?.message === 'string')).toBe(true);
  });

  it('session-changed starts a new generation', async () => {
    const m = setup();
    await m.t.call();
    const generation = m.t.session.generation;
    await m.send(request('session-changed', 'g'));
    expect(m.t.session.generation).toBe(generation + 1);
    expect(m.replies.map((r) => [r.id, r.ok])).toEqual([['g', true]]);
  });

  it('refuses page-loaded as a message: the hint is a fetch now (PAGE_LOADED_PATH), junk gets no answer', async () => {
    const m = setup();
    await m.send(request('page-loaded' as never, 'p'));
    expect(m.replies).toEqual([]);
    expect(m.t.seen.tokenFetches).toBe(0);
  });
});
