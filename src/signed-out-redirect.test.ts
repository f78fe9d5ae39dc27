import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignedOutRedirect } from './signed-out-redirect.js';
import { fakeLocation } from './test-support/fake-service-worker.js';

const setup = (href?: string, opts: { loginUrl?: string; redirect?: boolean } = {}) => {
  const location = fakeLocation(href);
  const redirect = new SignedOutRedirect({ loginUrl: '/login', redirect: true, ...opts, location });
  return { location, redirect };
};

afterEach(() => void vi.restoreAllMocks());

describe('SignedOutRedirect', () => {
  it('runs the listeners in turn, then sends an expired session to the login page once, with a safe returnTo', async () => {
    const { location, redirect } = setup('https://app.example/tasks?filter=open');
    const order: string[] = [];
    redirect.add(async (e) => {
      await Promise.resolve();
      order.push(`a:${e.reason}`);
    });
    redirect.add(() => void order.push(`b:${location.assigned.length}`));
    await Promise.all([redirect.handle({ reason: 'session-expired' }), redirect.handle({ reason: 'session-expired' })]);
    await redirect.handle({ reason: 'user' });
    expect(order).toEqual(['a:session-expired', 'b:0']);
    expect(location.assigned).toEqual([
      'https://app.example/login?session_expired=true&returnTo=%2Ftasks%3Ffilter%3Dopen',
    ]);
  });

  it('sends a user sign-out to the plain login URL, keeping its own query', async () => {
    const { location, redirect } = setup('https://app.example/tasks', { loginUrl: '/signin?via=app' });
    await redirect.handle({ reason: 'user' });
    expect(location.assigned).toEqual(['https://app.example/signin?via=app']);
  });

  it('never puts a path another host could hide in into returnTo', async () => {
    const { location, redirect } = setup('https://app.example//evil.example/x');
    await redirect.handle({ reason: 'session-expired' });
    expect(new URL(location.assigned[0]!).searchParams.get('returnTo')).toBe('/');
  });

  it('still redirects when a listener throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { location, redirect } = setup();
    redirect.add(() => {
      throw new Error('app bug');
    });
    await redirect.handle({ reason: 'user' });
    expect(location.assigned).toEqual(['https://app.example/login']);
    expect(error).toHaveBeenCalledOnce();
  });

  it('stays on the login page and when redirect is off, and then handles the next notice too', async () => {
    for (const [href, opts] of [
      ['https://app.example/login?x=1', {}],
      ['https://app.example/tasks', { redirect: false }],
    ] as const) {
      const { location, redirect } = setup(href, opts);
      let calls = 0;
      const remove = redirect.add(() => void calls++);
      await redirect.handle({ reason: 'session-expired' });
      await redirect.handle({ reason: 'user' });
      remove();
      await redirect.handle({ reason: 'user' });
      expect([calls, location.assigned]).toEqual([2, []]);
    }
  });
});
