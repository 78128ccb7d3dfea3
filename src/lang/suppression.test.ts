import { describe, expect, it } from 'vitest';
import { parseSuppression } from './suppression.js';

describe('parseSuppression', () => {
  it('reads a rule and a reason', () => {
    expect(parseSuppression('// otelwright-ignore: OTW001 health check, traced by the mesh', 4)).toEqual({
      rule: 'OTW001',
      reason: 'health check, traced by the mesh',
      line: 4,
    });
  });
  it('reads a rule name or a gap type', () => {
    expect(parseSuppression('# otelwright-ignore: missing-span cheap', 1)?.rule).toBe('missing-span');
    expect(parseSuppression('# otelwright-ignore: missing_metric cheap', 1)?.rule).toBe('missing_metric');
  });
  it('treats a missing rule as every rule', () => {
    expect(parseSuppression('// otelwright-ignore called once at start-up', 2)).toEqual({
      rule: null,
      reason: 'called once at start-up',
      line: 2,
    });
  });
  it('keeps an empty reason empty so the audit can reject it', () => {
    expect(parseSuppression('// otelwright-ignore: OTW104', 3)).toEqual({
      rule: 'OTW104',
      reason: '',
      line: 3,
    });
  });
  it('accepts the bracketed form and block comments', () => {
    expect(parseSuppression('/* otelwright-ignore[OTW101] batch of three */', 9)).toEqual({
      rule: 'OTW101',
      reason: 'batch of three',
      line: 9,
    });
  });
  it('ignores other comments and look-alike words', () => {
    expect(parseSuppression('// TODO: trace this', 1)).toBeNull();
    expect(parseSuppression('// otelwright-ignored by design', 1)).toBeNull();
  });
});
