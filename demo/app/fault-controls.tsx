import { useState } from 'react';
import { bearerWorker } from './bearer.js';

async function post(path: string, body?: unknown): Promise<string> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return `${res.status} ${res.status === 204 ? '' : await res.text()}`;
}

/** Break things on purpose and watch the worker cope. */
export function FaultControls() {
  const [n, setN] = useState(1);
  const [ttl, setTtl] = useState(20);
  const [result, setResult] = useState<string>('');
  const run = (label: string, action: () => Promise<string | void>) => () =>
    void action().then(
      (r) => setResult(`${label}: ${r ?? 'done'}`),
      (e: Error) => setResult(`${label}: ${e.message}`),
    );
  return (
    <div className="faults">
      <h3>Fault controls</h3>
      <button data-testid="fault-revoke" onClick={run('revoke session', () => post('/demo/revoke-session'))}>
        Revoke my session on the server
      </button>
      <div className="row">
        <input
          type="number"
          min={1}
          max={100}
          value={n}
          onChange={(e) => setN(Number(e.target.value))}
          aria-label="N"
        />
        <button data-testid="fault-api-401" onClick={run('API 401', () => post('/demo/faults', { api401Next: n }))}>
          API: 401 for next {n}
        </button>
      </div>
      <div className="row">
        Token endpoint:
        {(['fail', 'slow', 'normal'] as const).map((mode) => (
          <button
            key={mode}
            data-testid={`fault-token-${mode}`}
            onClick={run(`token ${mode}`, () => post('/demo/faults', { tokenMode: mode }))}
          >
            {mode}
          </button>
        ))}
      </div>
      <button data-testid="fault-forget-token" onClick={run('drop token', () => bearerWorker.forgetToken())}>
        Drop worker's cached token
      </button>
      <div className="row">
        <input
          type="number"
          min={5}
          max={86400}
          value={ttl}
          onChange={(e) => setTtl(Number(e.target.value))}
          aria-label="JWT lifetime (s)"
        />
        <button
          data-testid="fault-ttl"
          onClick={run('JWT lifetime', () => post('/demo/settings', { jwtTtlSeconds: ttl }))}
        >
          Set JWT lifetime (s)
        </button>
      </div>
      {result && (
        <p className="muted small" data-testid="fault-result">
          {result}
        </p>
      )}
    </div>
  );
}
