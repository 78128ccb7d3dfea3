import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAmount, maskToken } from '../src/format.js';

describe('formatAmount', () => {
  const cases: [number, 'EUR' | 'USD' | 'GBP', string][] = [
    [1999, 'EUR', '€19.99'],
    [5, 'USD', '$0.05'],
    [-250, 'GBP', '-£2.50'],
    [100000, 'EUR', '€1000.00'],
  ];
  for (const [minor, currency, expected] of cases) {
    it(`formats ${minor} ${currency} as ${expected}`, () => {
      assert.equal(formatAmount(minor, currency), expected);
    });
  }
});

describe('maskToken', () => {
  it('keeps only the last four characters', () => {
    assert.equal(maskToken('tok_visa_4242'), '****4242');
    assert.equal(maskToken('abc'), '****');
  });
});
