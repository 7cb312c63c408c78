import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFloat } from './go-float.js';

// Expected strings are Go's strconv.FormatFloat / fmt output.
describe('formatFloat', () => {
  it('%.3g and %.4g as docker sizes use them', () => {
    const cases: [number, number, string][] = [
      [4.261234, 3, '4.26'],
      [999.999, 3, '1e+03'],
      [999.5, 4, '999.5'],
      [1000, 4, '1000'],
      [0, 3, '0'],
      [1, 3, '1'],
      [1.125, 3, '1.12'], // a tie: half to even
      [1.375, 3, '1.38'],
      [123.5, 3, '124'],
      [0.5, 3, '0.5'],
      [0.000012, 3, '1.2e-05'],
      [12345678, 3, '1.23e+07'],
    ];
    for (const [x, p, want] of cases) assert.equal(formatFloat(x, 'g', p), want, `${x} %.${p}g`);
  });

  it('shortest %v form, with the exponent from 1e21', () => {
    assert.equal(formatFloat(1.5, 'g', -1), '1.5');
    assert.equal(formatFloat(100000000, 'g', -1), '1e+08');
    assert.equal(formatFloat(0.0001, 'g', -1), '0.0001');
    assert.equal(formatFloat(0.00001, 'g', -1), '1e-05');
    assert.equal(formatFloat(-2.5, 'g', -1), '-2.5');
  });

  it('%e and %f', () => {
    assert.equal(formatFloat(1234.5678, 'e', 6), '1.234568e+03');
    assert.equal(formatFloat(3.14159, 'f', 2), '3.14');
    assert.equal(formatFloat(2.5, 'f', 0), '2');
    assert.equal(formatFloat(0.125, 'f', 2), '0.12');
    assert.equal(formatFloat(Number.POSITIVE_INFINITY, 'g', 3), '+Inf');
  });
});
