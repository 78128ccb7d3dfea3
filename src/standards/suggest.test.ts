import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('record_exeption', 'record_exception')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closest', () => {
  const keys = ['record_exception', 'set_status', 'error_type_attribute'];

  it('suggests a key within a few edits', () => {
    expect(closest('record_exeption', keys)).toBe('record_exception');
    expect(closest('set_stauts', keys)).toBe('set_status');
    expect(closest('Set_Status', keys)).toBe('set_status');
  });

  it('suggests the one candidate a short word abbreviates', () => {
    expect(closest('pkg', ['package', 'type', 'function', 'service'])).toBe('package');
    expect(closest('fn', ['package', 'type', 'function', 'service'])).toBe('function');
  });

  it('suggests nothing for an unrelated or ambiguous word', () => {
    expect(closest('colour', keys)).toBeNull();
    expect(closest('s', ['service', 'subsystem'])).toBeNull();
    expect(closest('se', ['service', 'set_status'])).toBeNull();
  });
});
