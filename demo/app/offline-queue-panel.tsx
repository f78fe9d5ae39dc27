import { bearerWorker } from './bearer.js';
import { usePoll } from './use-poll.js';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** The worker's offline queue: writes waiting (or held for their user), and what became of recent ones. */
export function OfflineQueuePanel() {
  const queue = usePoll(() => bearerWorker.queueStatus(), 1000);
  const q = queue.value;
  return (
    <>
      <h3>Offline queue</h3>
      <ul className="counters">
        <li>
          <b data-testid="queue-pending">{q?.pending.length ?? 0}</b> pending
        </li>
        <li>
          <b data-testid="queue-replayed">{q?.replayed ?? 0}</b> replayed
        </li>
        <li>
          <b data-testid="queue-failed">{q?.failed ?? 0}</b> refused (4xx)
        </li>
        <li>
          <b data-testid="queue-dropped">{q?.dropped ?? 0}</b> dropped
        </li>
      </ul>
      <ol className="events" data-testid="queue-list">
        {q?.pending.map((w) => (
          <li key={w.id}>
            <time>{time(w.queuedAt)}</time> {w.method} {new URL(w.url).pathname}
            {` — user ${w.sub.slice(0, 8)}…, generation ${w.generation}`}
            {w.attempts ? `, ${w.attempts} failed tries` : ''}
            {w.held ? ' (held: another user or nobody is signed in)' : ''}
          </li>
        ))}
        {q?.recent
          .slice()
          .reverse()
          .map((n, i) => (
            <li key={`${n.id}-${i}`} className="muted">
              {n.state} {n.status ?? ''} · {n.id.slice(0, 8)}
            </li>
          ))}
      </ol>
      {queue.error && <p className="error small">{queue.error}</p>}
    </>
  );
}
