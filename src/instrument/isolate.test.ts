import { describe, expect, it } from 'vitest';
import { isolateCulprits } from './isolate.js';
import type { ValidationResult } from './types.js';

const ok: ValidationResult = { ok: true, commands: ['check'], problems: [] };
const failing = (files: string[]): ValidationResult => ({
  ok: false,
  commands: ['check'],
  problems: files.map((file) => ({ file, line: 1, message: 'undefined: span' })),
});

describe('isolateCulprits', () => {
  const files = ['a.go', 'b.go', 'c.go', 'd.go', 'e.go'];

  it('trusts the files the checker names when dropping them fixes the batch', () => {
    const probe = (kept: readonly string[]) => (kept.includes('c.go') ? failing(['c.go']) : ok);
    const result = isolateCulprits(files, failing(['c.go']), probe);
    expect(result).toMatchObject({ culprits: ['c.go'], kept: ['a.go', 'b.go', 'd.go', 'e.go'], probes: 1 });
  });

  it('bisects when the checker names no file (or the wrong one)', () => {
    const bad = new Set(['b.go', 'e.go']);
    const probe = (kept: readonly string[]) => (kept.some((f) => bad.has(f)) ? failing([]) : ok);
    const result = isolateCulprits(files, failing([]), probe);
    expect(result.culprits.sort()).toEqual(['b.go', 'e.go']);
    expect(result.kept).toEqual(['a.go', 'c.go', 'd.go']);
    expect(result.probes).toBeLessThan(files.length * 2);
  });

  it('finds a culprit that only fails together with a kept file', () => {
    // d.go breaks only when a.go's edits are in: bisection must test against what it already kept.
    const probe = (kept: readonly string[]) =>
      kept.includes('a.go') && kept.includes('d.go') ? failing([]) : ok;
    const result = isolateCulprits(files, failing([]), probe);
    expect(result.culprits).toEqual(['d.go']);
    expect(result.kept).toEqual(['a.go', 'b.go', 'c.go', 'e.go']);
  });
});
