import { describe, expect, it } from 'vitest';
import { containsTerm, isIdLike, snakeCase, words } from './naming.js';

describe('words', () => {
  it('splits camel, snake, dotted and acronyms', () => {
    expect(words('customerEmail')).toEqual(['customer', 'email']);
    expect(words('user.first_name')).toEqual(['user', 'first', 'name']);
    expect(words('ServeHTTPRequest')).toEqual(['serve', 'http', 'request']);
    expect(words('orderID')).toEqual(['order', 'id']);
    expect(words('ListSKUs')).toEqual(['list', 'skus']);
    expect(words('orderIDs')).toEqual(['order', 'ids']);
  });
});

describe('isIdLike', () => {
  it('recognises id-like parameter names in all three languages', () => {
    for (const n of ['id', 'orderID', 'orderId', 'order_id', 'paymentUUID', 'sku', 'idempotencyKey']) {
      expect(isIdLike(n), n).toBe(true);
    }
  });
  it('rejects names that only contain the letters', () => {
    for (const n of ['idle', 'video', 'amount', 'ctx', 'identity', 'apiKey'])
      expect(isIdLike(n), n).toBe(false);
  });
});

describe('containsTerm', () => {
  it('matches whole words only', () => {
    expect(containsTerm('customer.email', 'email')).toBe(true);
    expect(containsTerm('user.first_name', 'first_name')).toBe(true);
    expect(containsTerm('emailed_count', 'email')).toBe(false);
    expect(containsTerm('tokenizer.version', 'token')).toBe(false);
  });
});

describe('snakeCase', () => {
  it('turns a function name into an operation name', () => {
    expect(snakeCase('ProcessPayment')).toBe('process_payment');
    expect(snakeCase('createOrder')).toBe('create_order');
    expect(snakeCase('process_payment')).toBe('process_payment');
  });
});
