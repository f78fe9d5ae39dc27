import { BearerWorkerError } from '../protocol/bearer-worker-error.js';
import {
  envelope,
  failureCode,
  parseNotification,
  parseReply,
  SIGN_OUT_TIMEOUT_MS,
  type QueueNotice,
  type RequestMap,
  type RequestType,
  type SignedOutEvent,
} from '../protocol/protocol.js';

/** What the channel needs of `navigator.serviceWorker` (a fake in tests). */
type MessageSource = Pick<ServiceWorkerContainer, 'addEventListener' | 'removeEventListener' | 'startMessages'>;
/** What the channel needs of a ServiceWorker. */
type MessageTarget = Pick<ServiceWorker, 'postMessage'>;

interface WorkerChannelOptions {
  container: MessageSource;
  /** Whether a message's `source` is our worker; messages from anything else are dropped. */
  isOurs(source: unknown): boolean;
  timeoutMs: number;
}

/**
 * The page's end of the message protocol, the only place its envelope is packed and unpacked.
 *
 * A request goes out with a fresh MessageChannel whose reply port only the worker holds, and settles
 * exactly once: with the first reply that parses and carries its id (junk on the port is dropped), with
 * 'version-mismatch' if the worker speaks another protocol version, with the request type's own failure
 * code (failureCode) if the worker answers an error, or with 'message-timeout'. Notifications arrive
 * on the container and reach listeners only when our worker sent them and they parse.
 */
export class WorkerChannel {
  private readonly signedOut = new Set<(event: SignedOutEvent) => void>();
  private readonly queueChanged = new Set<(notice: QueueNotice) => void>();
  private readonly abort = new AbortController();

  constructor(private readonly opts: WorkerChannelOptions) {
    opts.container.addEventListener('message', (event) => this.receive(event as MessageEvent), {
      signal: this.abort.signal,
    });
    // Messages sent before the page's scripts ran are queued until this.
    opts.container.startMessages();
  }

  request<T extends RequestType>(worker: MessageTarget, type: T): Promise<RequestMap[T]['value']> {
    const id = crypto.randomUUID();
    // A sign-out reply waits for the worker's own POST to Better Auth.
    const ms = this.opts.timeoutMs + (type === 'sign-out' ? SIGN_OUT_TIMEOUT_MS : 0);
    const { port1, port2 } = new MessageChannel();
    return new Promise<RequestMap[T]['value']>((resolve, reject) => {
      const settle = (done: () => void) => {
        clearTimeout(timer);
        port1.onmessage = null;
        port1.close();
        done();
      };
      const timer = setTimeout(
        () => settle(() => reject(new BearerWorkerError('message-timeout', `${type} after ${ms} ms`))),
        ms,
      );
      port1.onmessage = (event: MessageEvent) => {
        const parsed = parseReply(event.data, id);
        if (!parsed.ok) {
          if (parsed.code === 'version-mismatch')
            settle(() => reject(new BearerWorkerError('version-mismatch', 'reload the page to meet the new worker')));
          return;
        }
        const reply = parsed.message;
        settle(() =>
          reply.ok
            ? resolve(reply.value as RequestMap[T]['value'])
            : reject(new BearerWorkerError(failureCode(type), reply.error.message)),
        );
      };
      try {
        worker.postMessage({ ...envelope(id), type }, [port2]);
      } catch (err) {
        settle(() => reject(new BearerWorkerError(failureCode(type), (err as Error)?.message)));
      }
    });
  }

  /** Listens for the worker's signed-out notice; returns a function that stops listening. */
  onSignedOut(listener: (event: SignedOutEvent) => void): () => void {
    this.signedOut.add(listener);
    return () => void this.signedOut.delete(listener);
  }

  /** Listens for the worker's offline-queue notices; returns a function that stops listening. */
  onQueueChanged(listener: (notice: QueueNotice) => void): () => void {
    this.queueChanged.add(listener);
    return () => void this.queueChanged.delete(listener);
  }

  /** Stops listening for notifications (requests in flight still settle). */
  close(): void {
    this.abort.abort();
  }

  private receive(event: MessageEvent): void {
    if (!this.opts.isOurs(event.source)) return;
    const parsed = parseNotification(event.data);
    if (!parsed.ok) return;
    const m = parsed.message;
    if (m.type === 'signed-out') for (const listener of [...this.signedOut]) listener(m.payload);
    else for (const listener of [...this.queueChanged]) listener(m.payload);
  }
}
