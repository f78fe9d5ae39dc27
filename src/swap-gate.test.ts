import { describe, expect, it, vi } from 'vitest';
import { SwapGate } from './swap-gate.js';
import { FakeWorker } from './test-support/fake-service-worker.js';

const installed = () => Object.assign(new FakeWorker(), { state: 'installed' as ServiceWorkerState });

describe('SwapGate', () => {
  it('has no swap pending until a build is asked to take over, and settles at once then', async () => {
    const gate = new SwapGate();
    expect(gate.pending).toBe(false);
    await expect(gate.settled(60_000)).resolves.toBeUndefined();
  });

  it('is pending while the build stays installed, and settles when it moves on (activating or redundant)', async () => {
    for (const next of ['activating', 'redundant'] as const) {
      const gate = new SwapGate();
      const build = installed();
      gate.begin(build);
      gate.begin(build);
      expect(gate.pending).toBe(true);
      let settled = false;
      const waiting = gate.settled(60_000).then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      build.become(next);
      await waiting;
      expect(gate.pending).toBe(false);
    }
  });

  it('holds nothing for a build whose host prompts first (take-over answered false)', async () => {
    const gate = new SwapGate();
    let answer!: (takes: boolean) => void;
    gate.begin(installed(), new Promise((r) => (answer = r)));
    expect(gate.pending).toBe(true);
    const waiting = gate.settled(60_000);
    answer(false);
    await waiting;
    expect(gate.pending).toBe(false);
  });

  it('settles after maxMs when the browser parks the build', async () => {
    vi.useFakeTimers();
    try {
      const gate = new SwapGate();
      gate.begin(installed());
      let settled = false;
      void gate.settled(3000).then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(2999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect(gate.pending).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows the newest build it was asked about', async () => {
    const gate = new SwapGate();
    const first = installed();
    const second = installed();
    gate.begin(first);
    gate.begin(second);
    first.become('redundant');
    expect(gate.pending).toBe(true);
    const waiting = gate.settled(60_000);
    second.become('activated');
    await waiting;
    expect(gate.pending).toBe(false);
  });
});
