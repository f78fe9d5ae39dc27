// src/login-form.tsx
import { useState } from 'react';
import { useForm } from './use-form';
import { authClient } from './auth-client';

export function LoginForm() {
  const { field, submit } = useForm({ name: '', email: '', password: '' });
  const [error, setError] = useState('');
  const expired = new URLSearchParams(location.search).has('session_expired');
  const done = (r: { error: { message?: string } | null }) => setError(r.error?.message ?? '');
  return (
    <form onSubmit={submit(async (v) => done(await authClient.signIn.email(v)))}>
      {expired && <p role="alert">Your session expired: sign in again.</p>}
      <input placeholder="Name (sign-up)" {...field('name')} />
      <input placeholder="Email" type="email" {...field('email')} />
      <input placeholder="Password" type="password" {...field('password')} />
      <button type="submit">Sign in</button>
      <button type="button" onClick={submit(async (v) => done(await authClient.signUp.email(v)))}>
        Sign up
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
