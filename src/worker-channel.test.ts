import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  envelope,
  failureCode,
  PROTOCOL,
  REQUEST_TYPES,
  SIGN_OUT_TIMEOUT_MS,
  type RequestType,
} from '../protocol/protocol.js';
import { answer, FakeContainer, FakeWorker } from './test-support/fake-service-worker.js';
import { WorkerChannel } from './worker-channel.js';

const setup = (timeoutMs = 1000) => {
  const container = new FakeContainer();
  const worker = new FakeWorker();
  const channel = new WorkerChannel({
    container: container as unknown as ServiceWorkerContainer,
    isOurs: (source) => source === worker,
    timeoutMs,
  });
  return { container, worker, channel };
};
const reply = (m: { id: string }, rest: object) => ({ ...envelope(m.id), type: 'reply', ...rest });

afterEach(() => void vi.useRealTimers());

describe('WorkerChannel requests', () => {
  it('sends our envelope and resolves with the reply that carries its id', async () => {
    const { worker, channel } = setup();
    answer(worker, { status: { build: 'b1' } });
    await expect(channel.request(worker as unknown as ServiceWorker, 'status')).resolves.toEqual({ build: 'b1' });
    expect(worker.requests).toEqual([{ protocol: PROTOCOL, version: 1, id: expect.any(String), type: 'status' }]);
  });

  it('drops junk on the reply port and settles on the first reply that parses', async () => {
    const { worker, channel } = setup();
    worker.onRequest = (m, port) => {
      for (const junk of [
        null,
        'reply',
        { ...m, type: 'reply' }, // neither ok nor an error
        reply({ id: 'someone-else' }, { ok: true, value: 'not mine' }),
        { ...reply(m, { ok: true, value: 'other protocol' }), protocol: 'msw' },
        reply(m, { ok: false, error: {} }), // an error without a code
      ])
        port.postMessage(junk);
      port.postMessage(reply(m, { ok: true, value: 'first' }));
      port.postMessage(reply(m, { ok: true, value: 'second' }));
      port.postMessage(reply(m, { ok: false, error: { code: 'status-failed', message: 'late' } }));
    };
    await expect(channel.request(worker as unknown as ServiceWorker, 'forget-token')).resolves.toBe('first');
  });

  it('gives each of two concurrent requests its own reply, in whatever order they come', async () => {
    const { worker, channel } = setup();
    const ports: [{ id: string }, MessagePort][] = [];
    worker.onRequest = (m, port) => {
      ports.push([m, port]);
      if (ports.length < 2) return;
      for (const [msg, p] of ports.reverse()) p.postMessage(reply(msg, { ok: true, value: msg.id }));
    };
    const sw = worker as unknown as ServiceWorker;
    const [a, b] = await Promise.all([channel.request(sw, 'claim'), channel.request(sw, 'claim')]);
    expect([a, b]).toEqual(worker.requests.map((r) => r.id));
    expect(a).not.toBe(b);
  });

  it('rejects with version-mismatch when the worker speaks another version', async () => {
    const { worker, channel } = setup();
    worker.onRequest = (m, port) => port.postMessage({ ...reply(m, { ok: true, value: null }), version: 2 });
    await expect(channel.request(worker as unknown as ServiceWorker, 'status')).rejects.toMatchObject({
      name: 'BearerWorkerError',
      code: 'version-mismatch',
    });
  });

  it.each(REQUEST_TYPES.map((t) => [t, failureCode(t)]))(
    'rejects a failed %s with its own code %s',
    async (type, code) => {
      const { worker, channel } = setup();
      // Whatever code the worker names, the page reports the request type's own.
      worker.onRequest = (m, port) =>
        port.postMessage(reply(m, { ok: false, error: { code: 'sign-out-failed', message: 'because' } }));
      const failure = channel.request(worker as unknown as ServiceWorker, type as RequestType);
      await expect(failure).rejects.toBeInstanceOf(Error);
      await expect(failure).rejects.toMatchObject({ code, message: `${code}: because` });
    },
  );

  it('times out with message-timeout, sign-out after its longer allowance, and ignores a late reply', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { worker, channel } = setup(1000);
    const held: [{ id: string }, MessagePort][] = [];
    worker.onRequest = (m, port) => void held.push([m, port]);
    const sw = worker as unknown as ServiceWorker;
    const status = channel.request(sw, 'status');
    const signOut = channel.request(sw, 'sign-out');
    let signOutSettled = false;
    signOut.catch(() => (signOutSettled = true));
    vi.advanceTimersByTime(1000);
    await expect(status).rejects.toMatchObject({
      code: 'message-timeout',
      message: 'message-timeout: status after 1000 ms',
    });
    expect(signOutSettled).toBe(false);
    vi.advanceTimersByTime(SIGN_OUT_TIMEOUT_MS);
    await expect(signOut).rejects.toMatchObject({ code: 'message-timeout' });
    // The reply ports are closed: a worker answering late reaches nobody and breaks nothing.
    for (const [m, port] of held) port.postMessage(reply(m, { ok: true, value: null }));
  });

  it('rejects with the request code when the message cannot be posted', async () => {
    const { worker, channel } = setup();
    worker.onRequest = () => {
      throw new DOMException('gone', 'InvalidStateError');
    };
    await expect(channel.request(worker as unknown as ServiceWorker, 'session-changed')).rejects.toMatchObject({
      code: 'session-changed-failed',
    });
  });
});

describe('WorkerChannel notifications', () => {
  const signedOut = (reason: string, version = 1) => ({
    ...envelope('n1'),
    version,
    type: 'signed-out',
    payload: { reason },
  });

  it('starts the container messages and hands our worker’s signed-out notice to listeners', () => {
    const { container, worker, channel } = setup();
    expect(container.started).toBe(1);
    const seen: unknown[] = [];
    channel.onSignedOut((e) => seen.push(e));
    container.deliver(signedOut('session-expired'), worker);
    expect(seen).toEqual([{ reason: 'session-expired' }]);
  });

  it('drops notices from another source, junk, another version, and all after close()', () => {
    const { container, worker, channel } = setup();
    const seen: unknown[] = [];
    const stop = channel.onSignedOut((e) => seen.push(e));
    container.deliver(signedOut('user'), new FakeWorker('https://app.example/other-sw.js'));
    container.deliver(signedOut('user'), null);
    container.deliver(signedOut('because'), worker);
    container.deliver(signedOut('user', 2), worker);
    container.deliver({ type: 'signed-out', payload: { reason: 'user' } }, worker);
    container.deliver('signed-out', worker);
    expect(seen).toEqual([]);
    container.deliver(signedOut('user'), worker);
    expect(seen).toEqual([{ reason: 'user' }]);
    stop();
    container.deliver(signedOut('user'), worker);
    channel.onSignedOut((e) => seen.push(e));
    channel.close();
    container.deliver(signedOut('user'), worker);
    expect(seen).toHaveLength(1);
  });
});
