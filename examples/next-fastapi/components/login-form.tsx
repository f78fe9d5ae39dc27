// components/login-form.tsx: Better Auth's client, same origin; the worker sees the sign-in pass by.
'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { authClient } from '@/lib/auth-client';

export function LoginForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  // Until hydration the buttons would submit the form natively (a GET with the password in the URL).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const submit = (mode: 'sign-in' | 'sign-up') => async (e: { preventDefault(): void }) => {
    e.preventDefault();
    setError(null);
    const { error } =
      mode === 'sign-up'
        ? await authClient.signUp.email({ name: form.name || form.email, email: form.email, password: form.password })
        : await authClient.signIn.email({ email: form.email, password: form.password });
    if (error) return setError(error.message ?? 'Could not sign in');
    router.replace(returnTo);
    router.refresh();
  };

  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  return (
    <form onSubmit={submit('sign-in')}>
      <input placeholder="Name (sign-up)" {...field('name')} />
      <input placeholder="Email" type="email" required {...field('email')} />
      <input placeholder="Password" type="password" required minLength={8} {...field('password')} />
      <button type="submit" disabled={!hydrated}>
        Sign in
      </button>
      <button type="button" disabled={!hydrated} onClick={(e) => void submit('sign-up')(e)}>
        Sign up
      </button>
      {error ? (
        <p role="alert" data-testid="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
