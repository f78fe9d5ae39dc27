import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './safe-return-to.js';

const origin = 'https://app.example';

describe('safeReturnTo', () => {
  it('keeps same-origin paths with query and hash', () => {
    expect(safeReturnTo('/tasks?filter=open#top', origin)).toBe('/tasks?filter=open#top');
    expect(safeReturnTo('/', origin)).toBe('/');
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash trick', '/\\evil.example'],
    ['backslash later', '/a\\..\\\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,hi'],
    ['relative path', 'tasks'],
    ['tab inside', '/\t/evil.example'],
    ['newline inside', '/\n/evil.example'],
    ['empty', ''],
    ['null', null],
  ])('refuses %s', (_, input) => {
    expect(safeReturnTo(input, origin)).toBe('/');
  });
});
