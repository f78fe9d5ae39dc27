import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, demoSecret } from './demo-secret.js';

describe('demoSecret', () => {
  it('takes BETTER_AUTH_SECRET when it is set, silently', () => {
    const lines: string[] = [];
    expect(demoSecret({ BETTER_AUTH_SECRET: 's'.repeat(32), NODE_ENV: 'production' }, (l) => lines.push(l))).toBe(
      's'.repeat(32),
    );
    expect(lines).toEqual([]);
  });

  it('falls back to the public demo secret outside production, and says so', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { BETTER_AUTH_SECRET: '' }]) {
      const lines: string[] = [];
      expect(demoSecret(env, (l) => lines.push(l))).toBe(DEMO_SECRET);
      expect(lines).toEqual([expect.stringContaining('using the demo secret, which is public')]);
    }
  });

  it('refuses to start in production without BETTER_AUTH_SECRET', () => {
    expect(() => demoSecret({ NODE_ENV: 'production' })).toThrow(/Refusing to start: set BETTER_AUTH_SECRET/);
    expect(() => demoSecret({ NODE_ENV: 'production', BETTER_AUTH_SECRET: '' })).toThrow(/Refusing to start/);
  });
});
