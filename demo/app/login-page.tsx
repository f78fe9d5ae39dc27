import { useState, type FormEvent } from 'react';
import { safeReturnTo } from 'bearer-worker';
import { authClient } from './auth-client.js';
import { navigate } from './navigate.js';

/** Sign in or sign up; says so when the worker sent us here because the session expired. */
export function LoginPage() {
  const params = new URLSearchParams(location.search);
  const expired = params.get('session_expired') === 'true';
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent, as: 'sign-in' | 'sign-up') => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result =
      as === 'sign-up'
        ? await authClient.signUp.email({ email, password, name: name || email })
        : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) return setError(result.error.message ?? result.error.statusText ?? 'Could not sign in');
    navigate(safeReturnTo(params.get('returnTo')));
  };

  return (
    <section className="card login">
      <h1>{mode === 'sign-in' ? 'Sign in' : 'Create an account'}</h1>
      {expired && (
        <p data-testid="session-expired" className="notice">
          Your session expired. Please sign in again.
        </p>
      )}
      <form onSubmit={(e) => void submit(e, mode)}>
        {mode === 'sign-up' && (
          <label>
            Name
            <input data-testid="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
        )}
        <label>
          Email
          <input
            data-testid="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="email"
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={8}
            required
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p data-testid="auth-error" className="error">
            {error}
          </p>
        )}
        <div className="row">
          {mode === 'sign-in' ? (
            <button data-testid="sign-in" type="submit" disabled={busy}>
              Sign in
            </button>
          ) : (
            <button data-testid="sign-up" type="submit" disabled={busy}>
              Sign up
            </button>
          )}
          <button
            type="button"
            className="link"
            onClick={() => setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
            data-testid={mode === 'sign-in' ? 'show-sign-up' : 'show-sign-in'}
          >
            {mode === 'sign-in' ? 'No account? Sign up' : 'Have an account? Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
