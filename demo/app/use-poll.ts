import { useEffect, useState } from 'react';

/** Calls `load` now and every `ms`; keeps the last value and the last error. */
export function usePoll<T>(load: () => Promise<T>, ms: number): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  useEffect(() => {
    let live = true;
    const tick = () =>
      load().then(
        (value) => live && setState({ value, error: null }),
        (e: Error) => live && setState((s) => ({ value: s.value, error: e.message })),
      );
    void tick();
    const id = setInterval(tick, ms);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [ms]);
  return state;
}
