import type { ReactNode } from 'react';
import type { WorkerEvent } from 'bearer-worker';
import { timelineMarks, type ApiCall, type Mark } from './timeline-marks.js';

const W = 320;
const PAD = 10;
const LANE_API = 32;
const LANE_WORKER = 70;
const AXIS = 86;
const H = 102;
const MIN_SPAN = 20_000;
const MAX_SPAN = 120_000;
// Calls closer than this (px) are stacked in rows around the lane instead of drawn on top of each other.
const ROW_GAP = 8;
const ROWS = [0, -9, 9, -18, 18];

const callFill = (m: Extract<Mark, { kind: 'call' }>) =>
  m.status === 401 ? '#ff6b6b' : m.status >= 400 ? '#ffa94d' : m.token ? '#8ce99a' : 'none';
// Refusals and retries are drawn last, so a burst of green never hides them.
const weight = (m: Mark) => (m.kind !== 'call' ? 0 : m.retried ? 3 : m.status >= 400 ? 2 : 1);

function MarkShape({ m, x, y }: { m: Mark; x: number; y: number }) {
  switch (m.kind) {
    case 'call':
      return (
        <>
          {m.retried && <circle cx={x} cy={y} r={6.5} fill="none" stroke="#ffd43b" strokeWidth={1.5} />}
          <circle cx={x} cy={y} r={3.5} fill={callFill(m)} stroke={m.token ? 'none' : '#aab'} strokeWidth={1.5} />
        </>
      );
    case 'token':
      return (
        <rect
          x={x - 4}
          y={LANE_WORKER - 4}
          width={8}
          height={8}
          transform={`rotate(45 ${x} ${LANE_WORKER})`}
          fill={m.refresh ? '#63e6be' : '#74c0fc'}
        />
      );
    case 'sign-out':
      return (
        <>
          <line x1={x} x2={x} y1={8} y2={AXIS} stroke="#ff6b6b" strokeWidth={1.5} strokeDasharray="3 2" />
          <text x={x} y={LANE_WORKER + 4} textAnchor="middle" fill="#ff6b6b" fontSize={12} fontWeight={700}>
            ✕
          </text>
        </>
      );
    default:
      return <line x1={x} x2={x} y1={LANE_WORKER - 4} y2={LANE_WORKER + 4} stroke="#778" strokeWidth={1.5} />;
  }
}

function Swatch({ children, label }: { children: ReactNode; label: string }) {
  return (
    <li>
      <svg width={16} height={16} viewBox="-8 -8 16 16" aria-hidden="true">
        {children}
      </svg>{' '}
      {label}
    </li>
  );
}

/**
 * The request timeline: each API call as a mark (token or not, 401, the worker's retry) and the worker's
 * token fetches, refreshes and sign-outs on the same time axis. Plain SVG; hover a mark for its details.
 */
export function RequestTimeline({
  events,
  calls,
  now,
}: {
  events: readonly WorkerEvent[];
  calls: readonly ApiCall[];
  now: number;
}) {
  const earliest = Math.min(now - MIN_SPAN, ...calls.map((c) => c.at), ...events.map((e) => e.at));
  const start = Math.max(now - MAX_SPAN, earliest - 1000);
  const span = now - start;
  const marks = timelineMarks(events, calls, start);
  const x = (at: number) => PAD + ((at - start) / span) * (W - 2 * PAD);
  const step = [5, 10, 15, 30, 60].find((s) => span / 1000 / s <= 6) ?? 60;
  const ticks = Array.from({ length: Math.floor(span / 1000 / step) + 1 }, (_, i) => now - i * step * 1000);
  // A row per call: the first row whose last mark is far enough to the left.
  const lastX = ROWS.map(() => -Infinity);
  const rowOf = new Map<Mark, number>();
  for (const m of marks) {
    if (m.kind !== 'call') continue;
    const px = x(m.at);
    const row = Math.max(
      0,
      lastX.findIndex((l) => px - l >= ROW_GAP),
    );
    lastX[row] = px;
    rowOf.set(m, ROWS[row]!);
  }
  const drawn = [...marks].sort((a, b) => weight(a) - weight(b));

  return (
    <figure className="timeline" data-testid="timeline">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="API calls and worker events over time">
        <text x={PAD} y={10} className="lane">
          API calls
        </text>
        <text x={PAD} y={LANE_WORKER - 8} className="lane">
          worker
        </text>
        <line x1={PAD} x2={W - PAD} y1={LANE_API} y2={LANE_API} className="lane-line" />
        <line x1={PAD} x2={W - PAD} y1={LANE_WORKER} y2={LANE_WORKER} className="lane-line" />
        <line x1={PAD} x2={W - PAD} y1={AXIS} y2={AXIS} className="axis" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS} y2={AXIS + 3} className="axis" />
            <text x={x(t)} y={AXIS + 13} textAnchor="middle" className="tick">
              {t === now ? 'now' : `−${Math.round((now - t) / 1000)}s`}
            </text>
          </g>
        ))}
        {drawn.map((m, i) => (
          <g
            key={`${m.kind}-${m.at}-${i}`}
            data-testid="timeline-mark"
            data-kind={m.kind}
            {...(m.kind === 'call'
              ? { 'data-token': String(m.token), 'data-status': String(m.status), 'data-retried': String(m.retried) }
              : {})}
          >
            <title>{`${new Date(m.at).toLocaleTimeString()} ${m.label}`}</title>
            <MarkShape m={m} x={x(m.at)} y={LANE_API + (rowOf.get(m) ?? 0)} />
          </g>
        ))}
      </svg>
      <ul className="legend">
        <Swatch label="with token">
          <circle r={3.5} fill="#8ce99a" />
        </Swatch>
        <Swatch label="no token">
          <circle r={3.5} fill="none" stroke="#aab" strokeWidth={1.5} />
        </Swatch>
        <Swatch label="401">
          <circle r={3.5} fill="#ff6b6b" />
        </Swatch>
        <Swatch label="retry">
          <circle r={6.5} fill="none" stroke="#ffd43b" strokeWidth={1.5} />
        </Swatch>
        <Swatch label="token">
          <rect x={-4} y={-4} width={8} height={8} transform="rotate(45)" fill="#74c0fc" />
        </Swatch>
        <Swatch label="refreshed">
          <rect x={-4} y={-4} width={8} height={8} transform="rotate(45)" fill="#63e6be" />
        </Swatch>
        <Swatch label="signed out">
          <text y={5} textAnchor="middle" fill="#ff6b6b" fontSize={12} fontWeight={700}>
            ✕
          </text>
        </Swatch>
      </ul>
    </figure>
  );
}
