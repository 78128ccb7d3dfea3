import { describe, expect, it } from 'vitest';
import { parseParams, roleOf, splitTopLevel } from './params.js';

describe('parseParams', () => {
  it('reads names, annotations and defaults, dropping self/cls and separators', () => {
    expect(
      parseParams('self, order_id: str, *, amount: Decimal = Decimal("0.00"), req: Request = None, **kwargs'),
    ).toEqual([
      { name: 'order_id', type: 'str', role: 'id' },
      { name: 'amount', type: 'Decimal', role: 'other' },
      { name: 'req', type: 'Request', role: 'request' },
      { name: 'kwargs', type: null, role: 'other' },
    ]);
    expect(parseParams('cls, /, a, *args: int').map((p) => `${p.name}:${p.type}`)).toEqual([
      'a:null',
      'args:int',
    ]);
  });

  it('keeps commas inside annotations, defaults, strings and comments', () => {
    const params = parseParams(`
        items: Dict[str, List[int]],  # mapping, of things
        sep: str = ",",
        cb=lambda: (1, 2),
    `);
    expect(params.map((p) => p.name)).toEqual(['items', 'sep', 'cb']);
    expect(params[0]!.type).toBe('Dict[str, List[int]]');
  });

  it('keeps self when it is not the first parameter', () => {
    expect(parseParams('a, self').map((p) => p.name)).toEqual(['a', 'self']);
  });

  it('reads unicode names and returns nothing for an empty list', () => {
    expect(parseParams('größe: int').map((p) => p.name)).toEqual(['größe']);
    expect(parseParams('')).toEqual([]);
  });
});

describe('roleOf', () => {
  it.each([
    ['request', null, 'request'],
    ['req', null, 'request'],
    ['r', 'web.Request', 'request'],
    ['r', 'HttpRequest', 'request'],
    ['r', 'Optional[Request]', 'request'],
    ['response', 'Response', 'response'],
    ['resp', 'fastapi.Response', 'response'],
    ['context', 'grpc.ServicerContext', 'framework-context'],
    ['context', 'LambdaContext', 'framework-context'],
    ['order_id', 'UUID', 'id'],
    ['customerId', null, 'id'],
    ['sku', null, 'id'],
    ['body', 'CreateOrderRequestBody', 'other'],
    ['payload', 'CreateOrderRequest', 'other'],
  ])('%s: %s → %s', (name, type, role) => {
    expect(roleOf(name, type)).toBe(role);
  });
});

describe('splitTopLevel', () => {
  it('reports each part with its offset', () => {
    expect(splitTopLevel('a, f(b, c), "d,e"')).toEqual([
      { text: 'a', offset: 0 },
      { text: ' f(b, c)', offset: 2 },
      { text: ' "d,e"', offset: 11 },
    ]);
  });
});
