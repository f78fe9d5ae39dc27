import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { interactionHint, WAKE_AFTER_MS } from './interaction-hint.js';

const HOUR = 3_600_000;

describe('interactionHint', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const target = new EventTarget();
    const hint = vi.fn();
    interactionHint(target, hint);
    const press = (type = 'pointerdown') => target.dispatchEvent(new Event(type));
    return { target, hint, press };
  };

  it('hints on the first pointerdown or keydown once the worker may have stopped, not before', () => {
    const { hint, press } = setup();
    // The page-load hint has just gone: the worker is running.
    press();
    vi.advanceTimersByTime(WAKE_AFTER_MS - 1);
    press('keydown');
    expect(hint).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    press('keydown');
    expect(hint).toHaveBeenCalledOnce();
    // The rest of that interaction, and the next ones soon after it, are the same wake.
    press('pointerdown');
    vi.advanceTimersByTime(WAKE_AFTER_MS - 1);
    press();
    expect(hint).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1);
    press();
    expect(hint).toHaveBeenCalledTimes(2);
  });

  it('ignores other events and never hints on its own', () => {
    const { hint, target } = setup();
    for (const type of ['pointermove', 'scroll', 'keyup', 'focus']) {
      vi.advanceTimersByTime(WAKE_AFTER_MS);
      target.dispatchEvent(new Event(type));
    }
    vi.advanceTimersByTime(HOUR);
    expect(hint).not.toHaveBeenCalled();
  });

  it('listens in the capture phase, so an app that stops propagation does not hide the interaction', () => {
    const target = { addEventListener: vi.fn() };
    interactionHint(target, () => {});
    expect(target.addEventListener.mock.calls.map(([type, , options]) => [type, options])).toEqual([
      ['pointerdown', { capture: true, passive: true }],
      ['keydown', { capture: true, passive: true }],
    ]);
  });

  // What it costs per hour: each hint is a fetch the worker answers itself; it costs a token fetch only
  // when it woke a worker with no token (create-page-load-step.test.ts), so at most one per wake.
  it.each([
    // [interaction every … ms, hints in an hour]
    [1_000, Math.floor(HOUR / WAKE_AFTER_MS)], // busy: the worker never stops, a hint every 25 s at most
    [10_000, Math.floor(HOUR / 30_000)], // every third interaction (25 s on a 10 s grid = 30 s)
    [31_000, Math.floor(HOUR / 31_000)], // idle past every stop: one hint per wake
    [5 * 60_000, 12],
  ])('interactions every %i ms for an hour: %i hints', (every, expected) => {
    const { hint, press } = setup();
    for (let t = every; t <= HOUR; t += every) {
      vi.advanceTimersByTime(every);
      press();
    }
    expect(hint).toHaveBeenCalledTimes(expected);
    // Never more than one per possible stop.
    expect(hint.mock.calls.length).toBeLessThanOrEqual(HOUR / WAKE_AFTER_MS);
  });
});
