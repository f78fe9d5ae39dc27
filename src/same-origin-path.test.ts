import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './resolve-options.js';
import { safeReturnTo } from './safe-return-to.js';
import { sameOriginPath } from './same-origin-path.js';

const origin = 'https://app.example';

// Pieces that URL parsers treat specially, so that generated inputs hit the interesting cases often.
const piece = fc.constantFrom(
  '/',
  '//',
  '///',
  '\\',
  '/\\',
  '.',
  '..',
  './',
  '../',
  '/./',
  '/../',
  '/.//',
  '%2e',
  '%2E%2e',
  '%2f',
  '%2F',
  '%5c',
  '%00',
  '%0a',
  '%',
  '?',
  '#',
  '@',
  ':',
  ';',
  'evil.example',
  'app.example',
  'https:',
  'javascript:',
  'data:',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '／',
  '＼',
  '。',
  'é',
  '😀',
  ' ',
  'a',
  'tasks',
);
const input = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(piece, { maxLength: 12 }).map((parts) => '/' + parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

/** What every result must be: a path that, wherever it is resolved, stays on the app origin. */
function expectOnOrigin(path: string): void {
  expect(path[0]).toBe('/');
  expect(path.startsWith('//')).toBe(false);
  expect(path.startsWith('/\\')).toBe(false);
  expect(new URL(path, origin).origin).toBe(origin);
  expect(new URL(path, 'https://elsewhere.example/a/b').origin).toBe('https://elsewhere.example');
}

describe('sameOriginPath', () => {
  it.each([
    ['/.//evil.example', null],
    ['/a/..//evil.example', null],
    ['/%2e//evil.example', null],
    ['https://app.example/.//evil.example', null],
    ['/tasks\u007f', null],
    ['/a/../tasks?x=1#top', '/tasks?x=1'],
    ['https://app.example/login?next=%2F', '/login?next=%2F'],
  ])('%j → %j', (value, expected) => {
    expect(sameOriginPath(value, origin, { allowAbsolute: true })).toBe(expected);
  });

  it('refuses the same paths for loginUrl as for returnTo (one parser: they had drifted on \\u007f)', () => {
    const refusedAsLogin = (x: string) => {
      try {
        resolveOptions({ apiOrigins: ['https://api.example'], loginUrl: x }, origin);
        return false;
      } catch {
        return true;
      }
    };
    expect([refusedAsLogin('/a\u007f'), safeReturnTo('/a\u007f', origin)]).toEqual([true, '/']);
    fc.assert(
      fc.property(
        input.filter((x) => x.startsWith('/')),
        (x) => {
          expect(refusedAsLogin(x)).toBe(sameOriginPath(x, origin, { keepHash: true }) === null);
        },
      ),
    );
  });
});

describe('safeReturnTo, for every input', () => {
  it('stays on the app origin, never starts with // or /\\, and is stable', () => {
    fc.assert(
      fc.property(input, (x) => {
        const path = safeReturnTo(x, origin);
        expectOnOrigin(path);
        expect(safeReturnTo(path, origin)).toBe(path);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('loginUrl (and scope, scriptUrl), for every input', () => {
  it('is refused with invalid-options or resolves to a path on the app origin', () => {
    fc.assert(
      fc.property(input, (x) => {
        let loginUrl: string;
        try {
          ({ loginUrl } = resolveOptions({ apiOrigins: ['https://api.example'], loginUrl: x }, origin));
        } catch (e) {
          expect(e).toMatchObject({ name: 'BearerWorkerError', code: 'invalid-options' });
          return;
        }
        expectOnOrigin(loginUrl);
      }),
      { numRuns: 5000 },
    );
  });
});
