import { describe, expect, it } from 'vitest';
import { parseParamList, parseSignature, receiverTypeName, returnsError } from './signature.js';

const sig = (text: string, kind: 'function' | 'method' | 'literal' = 'function') =>
  parseSignature(text, 0, text.length, kind);
const list = (text: string) => parseParamList(text, 0, text.length);

describe('parseParamList', () => {
  it('gives grouped names their shared type', () => {
    expect(list('ctx context.Context, a, b string, xs ...int')).toEqual([
      { name: 'ctx', type: 'context.Context' },
      { name: 'a', type: 'string' },
      { name: 'b', type: 'string' },
      { name: 'xs', type: '...int' },
    ]);
  });
  it('reads unnamed lists as types', () => {
    expect(list('int, error')).toEqual([
      { name: '_', type: 'int' },
      { name: '_', type: 'error' },
    ]);
  });
  it('keeps function, channel and map types whole', () => {
    expect(list('f func(a, b int) error, ch <-chan int, m map[string][]byte')).toEqual([
      { name: 'f', type: 'func(a, b int) error' },
      { name: 'ch', type: '<-chan int' },
      { name: 'm', type: 'map[string][]byte' },
    ]);
  });
  it('does not mistake a type keyword for a name', () => {
    expect(list('chan int, func()')).toEqual([
      { name: '_', type: 'chan int' },
      { name: '_', type: 'func()' },
    ]);
  });
});

describe('parseSignature', () => {
  it('reads a method with a generic receiver, named results and comments', () => {
    const s = sig(
      'func (s *Store[K]) Get(ctx context.Context, // the request\n\tkey K) (v string, err error) ',
      'method',
    );
    expect(s?.receiver).toEqual({ name: 's', type: '*Store[K]' });
    expect(s?.name).toBe('Get');
    expect(s?.params.map((p) => p.name)).toEqual(['ctx', 'key']);
    expect(s?.results).toEqual([
      { name: 'v', type: 'string' },
      { name: 'err', type: 'error' },
    ]);
    expect(s && returnsError(s)).toBe(true);
  });
  it('reads type parameters and a single result', () => {
    const s = sig('func Map[T, U any](xs []T, f func(T) U) []U');
    expect(s?.name).toBe('Map');
    expect(s?.results).toEqual([{ name: '_', type: '[]U' }]);
    expect(s && returnsError(s)).toBe(false);
  });
  it('reads function literals', () => {
    const s = sig('func(w http.ResponseWriter, r *http.Request)', 'literal');
    expect(s?.name).toBeNull();
    expect(s?.params.map((p) => p.type)).toEqual(['http.ResponseWriter', '*http.Request']);
  });
  it('returns null for text that is not a header', () => {
    expect(sig('var x = 1')).toBeNull();
  });
});

describe('receiverTypeName', () => {
  it('drops the pointer and type arguments', () => {
    expect(receiverTypeName('*OrderService')).toBe('OrderService');
    expect(receiverTypeName('Cache[K, V]')).toBe('Cache');
  });
});
