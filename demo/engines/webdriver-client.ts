/** A W3C WebDriver session over plain fetch: just the commands the cross-engine tests use. */
export class WebDriverClient {
  private constructor(
    private readonly base: string,
    readonly sessionId: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  static async waitForServer(base: string, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ready = await fetch(`${base}/status`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) return;
      if (Date.now() > until) throw new Error(`WebDriver server at ${base} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100)); // polling a server that is starting: nothing to wait on
    }
  }

  static async newSession(base: string, alwaysMatch: Record<string, unknown>): Promise<WebDriverClient> {
    const value = await send<{ sessionId: string; capabilities: Record<string, unknown> }>(base, 'POST', '/session', {
      capabilities: { alwaysMatch },
    });
    const client = new WebDriverClient(base, value.sessionId, value.capabilities);
    await client.command('POST', '/timeouts', { script: 30_000, pageLoad: 30_000, implicit: 10_000 });
    return client;
  }

  #window: string | undefined;

  /** Makes `handle` the window later commands go to (WebDriver has one current window per session). */
  async switchTo(handle: string): Promise<void> {
    if (this.#window === handle) return;
    await this.command('POST', '/window', { handle });
    this.#window = handle;
  }

  command<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return send<T>(
      this.base,
      method,
      `/session/${this.sessionId}${path}`,
      body ?? (method === 'POST' ? {} : undefined),
    );
  }

  async findElement(css: string): Promise<string> {
    const el = await this.command<Record<string, string>>('POST', '/element', { using: 'css selector', value: css });
    return Object.values(el)[0]!; // the element reference, under the W3C's fixed key
  }

  /** Runs an async script: `arguments[0]` is `arg`, the last argument the callback. */
  executeAsync<T>(script: string, arg: unknown): Promise<T> {
    return this.command<T>('POST', '/execute/async', { script, args: [arg] });
  }

  async quit(): Promise<void> {
    await send(this.base, 'DELETE', `/session/${this.sessionId}`).catch(() => undefined);
  }
}

async function send<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // Longer than the session's script and page-load timeouts: a driver that stops answering fails here.
    signal: AbortSignal.timeout(40_000),
  }).catch((err: Error) => {
    throw new Error(`WebDriver ${method} ${path}: ${err.message}`);
  });
  const json = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}
