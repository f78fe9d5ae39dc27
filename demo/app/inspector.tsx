import type { WorkerCounters } from 'bearer-worker';
import { bearerWorker } from './bearer.js';
import { FaultControls } from './fault-controls.js';
import { OfflineQueuePanel } from './offline-queue-panel.js';
import { RequestTimeline } from './request-timeline.js';
import type { ApiCall } from './timeline-marks.js';
import { usePoll } from './use-poll.js';

interface ServerStats {
  auth: { tokenRequests: number; getSession: number; signOut: number };
  api: { withBearer: number; withoutBearer: number; byStatus: Record<string, number>; log: ApiCall[] };
}

const COUNTERS: Array<[keyof WorkerCounters, string]> = [
  ['authorized', 'requests authorized'],
  ['passedThrough', 'passed through'],
  ['tokenFetches', 'token fetches'],
  ['refreshes', 'refreshes'],
  ['retries', 'retries'],
  ['signOuts', 'sign-outs'],
  ['tokenErrors', 'token errors'],
];
const time = (ms: number) => new Date(ms).toLocaleTimeString();
const secs = (epochSeconds?: number) => (epochSeconds ? time(epochSeconds * 1000) : '—');

/** What the worker knows, never the token itself; and what the servers counted. */
export function Inspector() {
  const worker = usePoll(() => bearerWorker.status(), 1000);
  const server = usePoll(() => fetch('/demo/stats').then((r) => r.json() as Promise<ServerStats>), 1000);
  const s = worker.value;
  const now = Date.now();
  return (
    <aside className="inspector" data-testid="inspector">
      <h2>Inspector</h2>
      <dl>
        <dt>page controlled</dt>
        <dd data-testid="controlled">{bearerWorker.isControlled() ? 'yes' : 'no'}</dd>
        <dt>session</dt>
        <dd data-testid="worker-session">{s?.session ?? '—'}</dd>
        <dt>user</dt>
        <dd>{s?.userId ?? '—'}</dd>
        <dt>token expires in</dt>
        <dd data-testid="token-expires-in">
          {s?.token ? `${Math.max(0, Math.round((s.token.expiresAt - now) / 1000))} s` : 'no token'}
        </dd>
        <dt>refresh in</dt>
        <dd>{s?.token ? `${Math.max(0, Math.round((s.token.refreshAt - now) / 1000))} s` : '—'}</dd>
        <dt>claims</dt>
        <dd className="small">
          {s?.token ? (
            <>
              sub {s.token.claims.sub}
              <br />
              iss {s.token.claims.iss} · aud {String(s.token.claims.aud)}
              <br />
              iat {secs(s.token.claims.iat)} · exp {secs(s.token.claims.exp)}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>worker</dt>
        <dd className="small">
          build {s?.build ?? '—'} · started {s ? time(s.startedAt) : '—'}
        </dd>
      </dl>
      {worker.error && <p className="error small">{worker.error}</p>}
      <h3>Request timeline</h3>
      <RequestTimeline events={s?.events ?? []} calls={server.value?.api.log ?? []} now={now} />
      <h3>Worker counters</h3>
      <ul className="counters">
        {COUNTERS.map(([key, label]) => (
          <li key={key}>
            <b data-testid={`counter-${key}`}>{s?.counters?.[key] ?? 0}</b> {label}
          </li>
        ))}
      </ul>
      <h3>Server counts</h3>
      <ul className="counters">
        <li>
          <b>{server.value?.auth.tokenRequests ?? 0}</b> token requests
        </li>
        <li>
          <b>{server.value?.auth.getSession ?? 0}</b> get-session
        </li>
        <li>
          <b>{server.value?.api.withBearer ?? 0}</b> API calls with Bearer
        </li>
        <li>
          <b>{server.value?.api.withoutBearer ?? 0}</b> API calls without
        </li>
        <li>
          <b>{server.value?.api.byStatus['401'] ?? 0}</b> API 401s
        </li>
      </ul>
      <OfflineQueuePanel />
      <FaultControls />
      <h3>Recent events</h3>
      <ol className="events" data-testid="event-log">
        {s?.events
          ?.slice(-20)
          .reverse()
          .map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time>{time(e.at)}</time> {e.type}
              {e.detail ? ` — ${e.detail}` : ''}
            </li>
          ))}
      </ol>
    </aside>
  );
}
