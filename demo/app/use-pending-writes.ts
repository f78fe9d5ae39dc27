import type { QueueNotice } from 'bearer-worker';
import { useEffect, useState } from 'react';
import { bearerWorker } from './bearer.js';

export interface PendingWrite {
  id: string;
  title: string;
  /** 'held': its user signed out before it could go (kept by the worker for when they sign in again). */
  state: 'pending' | 'held';
}

/**
 * The writes this page made that the worker queued (answered 202), until the worker says what became of
 * them (`onQueueChanged`): replayed (`onReplayed` refreshes the list), refused, or dropped.
 */
export function usePendingWrites(onReplayed: () => unknown) {
  const [writes, setWrites] = useState<PendingWrite[]>([]);
  useEffect(
    () =>
      bearerWorker.onQueueChanged((n: QueueNotice) => {
        if (n.state === 'queued') return;
        if (n.state === 'replayed') void onReplayed();
        setWrites((ws) =>
          n.state === 'held'
            ? ws.map((w) => (w.id === n.id ? { ...w, state: 'held' } : w))
            : ws.filter((w) => w.id !== n.id),
        );
      }),
    [],
  );
  return {
    writes,
    add: (id: string, title: string) => setWrites((ws) => [...ws, { id, title, state: 'pending' }]),
  };
}
