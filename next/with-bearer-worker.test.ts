import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWorkerScript } from '../cli/render-worker-script.js';
import { withBearerWorker } from './with-bearer-worker.js';

const DEV = 'phase-development-server';
const BUILD = 'phase-production-build';
const START = 'phase-production-server';
const API = { apiOrigins: ['http://localhost:8000'], apiPathPrefix: '/api' };

const publicDir = () => mkdtempSync(join(tmpdir(), 'bw-next-'));
// Next passes its defaults; the wrapper never reads them.
const context = { defaultConfig: {} } as never;

afterEach(() => vi.unstubAllEnvs());

describe('withBearerWorker', () => {
  it('writes the development worker for next dev and the production one for next build and next start', async () => {
    const dir = publicDir();
    const config = withBearerWorker({}, { apiBaseUrl: 'http://localhost:8000/api', publicDir: dir });
    const sw = join(dir, 'sw.js');

    await config(DEV, context);
    const dev = renderWorkerScript(API, { dev: true });
    expect(readFileSync(sw, 'utf8')).toBe(dev);

    await config(BUILD, context);
    const production = renderWorkerScript(API);
    expect(readFileSync(sw, 'utf8')).toBe(production);
    expect(production.length).toBeLessThan(dev.length);

    // A dev worker left in public/ by `next dev` after the build is replaced when `next start` loads.
    writeFileSync(sw, dev);
    await config(START, context);
    expect(readFileSync(sw, 'utf8')).toBe(production);
  });

  it('takes the API from NEXT_PUBLIC_API_BASE_URL', async () => {
    vi.stubEnv('NEXT_PUBLIC_API_BASE_URL', 'https://api.example.com/v2/');
    const dir = publicDir();
    await withBearerWorker({}, { publicDir: dir })(BUILD, context);
    expect(readFileSync(join(dir, 'sw.js'), 'utf8')).toBe(
      renderWorkerScript({ apiOrigins: ['https://api.example.com'], apiPathPrefix: '/v2' }),
    );
  });

  it('lets apiOrigins and the other worker options win', async () => {
    vi.stubEnv('NEXT_PUBLIC_API_BASE_URL', 'https://ignored.example.com');
    const dir = publicDir();
    const options = { apiOrigins: ['https://api.example.com'], authBasePath: '/auth', fileName: 'auth-sw.js' };
    await withBearerWorker({}, { ...options, publicDir: dir })(BUILD, context);
    expect(readFileSync(join(dir, 'auth-sw.js'), 'utf8')).toBe(
      renderWorkerScript({ apiOrigins: ['https://api.example.com'], authBasePath: '/auth' }),
    );
  });

  it('fails when Next loads the config without an API, or with a plain-http remote one', () => {
    vi.stubEnv('NEXT_PUBLIC_API_BASE_URL', '');
    expect(() => withBearerWorker({})).toThrow(expect.objectContaining({ code: 'invalid-options' }));
    expect(() => withBearerWorker({}, { apiBaseUrl: 'api.example.com' })).toThrow(/apiBaseUrl/);
    expect(() => withBearerWorker({}, { apiBaseUrl: 'http://api.example.com' })).toThrow(/HTTPS/);
    expect(() => withBearerWorker({}, { apiBaseUrl: 'http://localhost:8000', fileName: '../sw.js' })).toThrow(
      /fileName/,
    );
  });

  it("serves the worker with no-cache, after the app's own headers, and keeps the rest of the config", async () => {
    const own = [{ source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] }];
    const config = await withBearerWorker(
      { reactStrictMode: true, headers: async () => own },
      { apiBaseUrl: 'http://localhost:8000', publicDir: publicDir() },
    )(BUILD, context);
    expect(config.reactStrictMode).toBe(true);
    expect(await config.headers()).toEqual([
      ...own,
      {
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache' },
          { key: 'Content-Type', value: 'text/javascript; charset=utf-8' },
        ],
      },
    ]);
  });

  it('wraps a config function, called with the phase', async () => {
    const inner = vi.fn((phase: string) => ({ env: { PHASE: phase } }));
    const config = await withBearerWorker(inner, { apiBaseUrl: 'http://localhost:8000', publicDir: publicDir() })(
      DEV,
      context,
    );
    expect(inner).toHaveBeenCalledWith(DEV, context);
    expect(config.env).toEqual({ PHASE: DEV });
  });

  it('leaves public/ alone in other phases and does not rewrite an unchanged worker', async () => {
    const dir = publicDir();
    const config = withBearerWorker({}, { apiBaseUrl: 'http://localhost:8000', publicDir: dir });
    await config('phase-info', context);
    expect(() => statSync(join(dir, 'sw.js'))).toThrow();
    await config(BUILD, context);
    const written = statSync(join(dir, 'sw.js')).mtimeMs;
    writeFileSync(join(dir, 'marker'), ''); // let the clock move on past the first write's mtime
    await config(START, context);
    expect(statSync(join(dir, 'sw.js')).mtimeMs).toBe(written);
  });
});
