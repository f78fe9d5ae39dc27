// Test support: the parts of the Service Worker API the bridge touches, in plain Node.

/** A worker that hands each request, with its reply port, to `onRequest`. */
export class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'activated';
  readonly requests: { type: string; id: string }[] = [];
  onRequest: (message: { type: string; id: string }, port: MessagePort) => void = () => {};

  constructor(readonly scriptURL = 'https://app.example/sw.js') {
    super();
  }

  postMessage(message: { type: string; id: string }, transfer: MessagePort[]): void {
    this.requests.push(message);
    this.onRequest(message, transfer[0]!);
  }

  /** Moves to `state` and fires statechange, as the browser does. */
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

/** Answers every request like the real worker: `{ ok: true, value }` in the request's envelope. */
export function answer(worker: FakeWorker, values: Record<string, unknown> = {}): void {
  worker.onRequest = (m, port) => port.postMessage({ ...m, type: 'reply', ok: true, value: values[m.type] ?? null });
}

export class FakeRegistration extends EventTarget {
  constructor(readonly scope = 'https://app.example/') {
    super();
  }
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
}

/** `navigator.serviceWorker`, with `controller` and `ready` under the test's control. */
export class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null;
  started = 0;
  /** What the browser had registered before the page's scripts ran (getRegistration's answers). */
  readonly registrations: FakeRegistration[] = [];
  private resolveReady!: (reg: FakeRegistration) => void;
  readonly ready = new Promise<FakeRegistration>((r) => (this.resolveReady = r));

  startMessages(): void {
    this.started++;
  }

  /** A message event on the container, as from `source`. */
  deliver(data: unknown, source: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data, source }));
  }

  /** The page is now controlled by `worker`. */
  control(worker: FakeWorker): void {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }

  becomeReady(reg: FakeRegistration): void {
    this.resolveReady(reg);
  }

  /** The registration whose scope is the longest prefix of `url`, as the browser answers. */
  async getRegistration(url = 'https://app.example/'): Promise<FakeRegistration | undefined> {
    const href = new URL(url, 'https://app.example/').href;
    return this.registrations
      .filter((reg) => href.startsWith(reg.scope))
      .sort((a, b) => b.scope.length - a.scope.length)[0];
  }
}

/** `location`, recording where the page was sent. */
export function fakeLocation(href = 'https://app.example/tasks?filter=open') {
  const url = new URL(href);
  return {
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    assigned: [] as string[],
    assign(u: string) {
      this.assigned.push(u);
    },
  };
}

type WorkboxListener = (event: { sw?: ServiceWorker; isUpdate?: boolean }) => void;

/** workbox-window's Workbox as the bridge uses it: lifecycle events the test dispatches. */
export class FakeWorkbox {
  private readonly listeners = new Map<string, Set<WorkboxListener>>();
  skipWaitingMessages = 0;

  constructor(
    readonly register: (options?: { immediate?: boolean }) => Promise<ServiceWorkerRegistration | undefined>,
    readonly getSW: () => Promise<ServiceWorker> = () => new Promise(() => {}),
  ) {}

  addEventListener(type: string, listener: WorkboxListener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: WorkboxListener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Fires a lifecycle event, as workbox-window does. */
  dispatch(type: string, props: { sw?: unknown; isUpdate?: boolean } = {}): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(props as { sw?: ServiceWorker });
  }

  messageSkipWaiting(): void {
    this.skipWaitingMessages++;
  }
}
