import { describe, expect, it } from 'vitest';
import { staticRoutes } from './add-static-routes.js';
import { resolveConfig } from './resolve-config.js';

const APP = 'https://app.example';

describe('staticRoutes', () => {
  it('sends the auth path and the API to the worker, everything else to the network, in that order', () => {
    const rules = staticRoutes(resolveConfig({ apiOrigins: ['https://api.example:8443'], apiPathPrefix: '/api' }), APP);
    expect(
      rules.map((r) => [
        r.condition.requestMode ?? r.condition.urlPattern?.hostname,
        r.condition.urlPattern?.pathname,
        r.source,
      ]),
    ).toEqual([
      ['app.example', '/api/auth*', 'fetch-event'],
      ['navigate', undefined, 'network'],
      ['no-cors', undefined, 'network'],
      ['api.example', '/api*', 'fetch-event'],
      ['*', '/*', 'network'],
    ]);
    expect(rules[3]!.condition.urlPattern).toMatchObject({ protocol: 'https', port: '8443', search: '*', hash: '*' });
  });

  it('never uses a relative pathname, which Chromium resolves against the worker directory', () => {
    // A worker at /app/sw.js would read '*' as '/app/*': the catch-all would miss the rest of the site,
    // and with an empty prefix the API rule would miss the API.
    const rules = staticRoutes(resolveConfig({ apiOrigins: ['https://api.example'] }), APP);
    for (const r of rules) if (r.condition.urlPattern) expect(r.condition.urlPattern.pathname).toMatch(/^\//);
    expect(rules[3]!.condition.urlPattern!.pathname).toBe('/*');
  });
});
