import { describe, expect, it } from 'vitest';
import { matchingClose, selectorChainAt, shorten, splitTopLevel, stringValue, trimSpan } from './scan.js';

const pieces = (text: string, seps = ',') =>
  splitTopLevel(text, 0, text.length, seps).map((s) => text.slice(s.start, s.end));

describe('splitTopLevel', () => {
  it('splits at top-level commas only', () => {
    expect(pieces('ctx, f(a, b), []int{1, 2}, m[k]')).toEqual(['ctx', 'f(a, b)', '[]int{1, 2}', 'm[k]']);
  });
  it('ignores separators inside strings, runes and comments', () => {
    expect(pieces('"a,b", \',\', `x,y` /* c, d */, z // e, f\n')).toEqual(['"a,b"', "','", '`x,y`', 'z']);
  });
  it('drops empty pieces such as a trailing comma', () => {
    expect(pieces('a,\n\tb,\n')).toEqual(['a', 'b']);
  });
  it('splits declaration groups at newlines and semicolons', () => {
    expect(pieces('a = 1\n// doc\nb = f(\n  2,\n)\nc = 3; d = 4', '\n;')).toEqual([
      'a = 1',
      'b = f(\n  2,\n)',
      'c = 3',
      'd = 4',
    ]);
  });
});

describe('matchingClose', () => {
  it('finds the closing bracket past nested brackets and strings', () => {
    const text = 'f(a, g(")"), `(`, \'(\', [x]) tail';
    expect(text[matchingClose(text, 1)]).toBe(')');
    expect(text.slice(matchingClose(text, 1) + 1)).toBe(' tail');
  });
  it('returns -1 when unbalanced', () => {
    expect(matchingClose('f(a, (b)', 1)).toBe(-1);
  });
});

describe('trimSpan', () => {
  it('drops white space and comments around a piece', () => {
    const text = '  /* a */ value // note\n  ';
    const s = trimSpan(text, 0, text.length);
    expect(text.slice(s.start, s.end)).toBe('value');
  });
  it('keeps a // inside a string', () => {
    const text = ' "http://x" ';
    const s = trimSpan(text, 0, text.length);
    expect(text.slice(s.start, s.end)).toBe('"http://x"');
  });
});

describe('selectorChainAt', () => {
  it('reads a chain split across lines after the dots', () => {
    expect(selectorChainAt('otel.\n\tGetTracerProvider()', 0)).toEqual({
      chain: 'otel.GetTracerProvider',
      end: 24,
    });
  });
  it('reads unicode identifiers', () => {
    expect(selectorChainAt('ñandú.Größe(', 0)?.chain).toBe('ñandú.Größe');
  });
  it('returns null when no identifier starts there', () => {
    expect(selectorChainAt('(x)', 0)).toBeNull();
  });
});

describe('stringValue', () => {
  it('unquotes interpreted and raw strings', () => {
    expect(stringValue('"orders.\\tProcess"')).toBe('orders.\tProcess');
    expect(stringValue('`raw\\n`')).toBe('raw\\n');
  });
  it('returns null for anything else', () => {
    expect(stringValue('name')).toBeNull();
    expect(stringValue('"a" + b')).toBeNull();
  });
});

describe('shorten', () => {
  it('collapses white space and cuts long text with an ellipsis', () => {
    expect(shorten('a\n\t b')).toBe('a b');
    expect(shorten('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
