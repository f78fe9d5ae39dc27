import { useEffect, useState } from 'react';
import { bearerWorker } from './bearer.js';

/** Says when a new worker build took over this page: calls go on with their token, no reload needed. */
export function WorkerUpdateNotice() {
  const [updates, setUpdates] = useState(0);
  useEffect(() => bearerWorker.onUpdate((e) => e.type === 'controlling' && setUpdates((n) => n + 1)), []);
  if (!updates) return null;
  return (
    <p className="notice" data-testid="worker-updated" data-updates={updates}>
      A new worker build took over; your calls kept their token.
    </p>
  );
}
